"""Pages opened with hostile link values: no error, the defaults shown, and notices that render as plain text."""

from __future__ import annotations

import re

import pytest
from markdown_it import MarkdownIt
from streamlit.testing.v1 import AppTest

from r2p.quoting import echoed
from r2p.warehouse import Warehouse
from tests.helpers.data import ROOT
from tests.helpers.rendered import unescaped

HOSTILE = {
    "script": "<script>window.__xss=1</script>",
    "sql": "' OR 1=1 --",
    "image": "![x](http://127.0.0.1:1/x.png)",
    "ten_kb": "<img src=x onerror=alert(1)>" + "y" * 10_000,
    "unicode": "２０２５\u200bＳＤＮ",
}


def _open(page: str, params: dict[str, str]) -> tuple[AppTest, list[str]]:
    """The page, and every warning shown on the way (the view's notices come on the session's first run)."""
    app = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    app.query_params.update(params)
    app.run()
    assert not app.exception, app.exception
    warnings = [w.value for w in app.warning]
    app.switch_page(page).run()
    assert not app.exception, app.exception
    return app, warnings + [w.value for w in app.warning]


def _check_notices(warnings: list[str], value: str, expected: int) -> None:
    assert len(warnings) >= expected
    for warning in warnings:
        html = MarkdownIt("commonmark").render(warning)
        assert not re.search(r"<(?!/?p>|br)", html), html  # no element but the paragraph: no img, a, script
        assert len(warning) < 800  # a 10 kB value is cut, not repeated
    assert echoed(value)[:20] in unescaped(" ".join(warnings))  # the person still sees which value was refused


@pytest.mark.parametrize("name", HOSTILE)
def test_trends_falls_back_from_hostile_view_and_comparison_values(warehouse: Warehouse, name: str) -> None:
    value = HOSTILE[name]
    app, warnings = _open("pages/trends.py", {"country": value, "period": value, "indicator": value,
                                              "countries": value, "indicators": value})
    _check_notices(warnings, value, expected=5)
    assert app.sidebar.selectbox[1].value == "ewp.risk_2yr"  # the default indicator
    assert len(app.multiselect(key="compare_countries").value) == 1


@pytest.mark.parametrize("name", ["script", "image", "ten_kb"])
def test_overview_and_meeting_prep_fall_back_from_a_hostile_method_and_date(warehouse: Warehouse, name: str) -> None:
    value = HOSTILE[name]
    overview, warnings = _open("pages/overview.py", {"method": value})
    _check_notices(warnings, value, expected=1)
    assert overview.selectbox(key="method_select").value == "composite-1"
    _, warnings = _open("pages/meeting_prep.py", {"country": "SDN", "since": value})
    _check_notices(warnings, value, expected=1)
