"""Every page opens on a warehouse with no indicator data (right after `r2p init --no-demo`) and says what to load."""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from r2p.warehouse import Warehouse
from tests.helpers.data import ROOT
from tests.helpers.warehouses import copy_of

PAGES = ["overview", "country", "trends", "engagement", "meeting_prep", "reviews", "data_methods", "audit"]
TITLES = {"overview": "Overview", "trends": "Trends", "engagement": "Engagement", "meeting_prep": "Meeting prep",
          "reviews": "Reviews", "data_methods": "Data & methods", "audit": "Audit log"}


@pytest.fixture
def empty(empty_template_warehouse: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Warehouse:
    copied = copy_of(empty_template_warehouse, tmp_path / "r2p.duckdb")
    monkeypatch.setenv("R2P_DB", copied.location)
    return copied


def _opened(page: str, params: dict[str, str] | None = None) -> AppTest:
    app = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    for key, value in (params or {}).items():
        app.query_params[key] = value
    app.run()
    if page != "overview":
        app.switch_page(f"pages/{page}.py").run()
    return app


@pytest.mark.parametrize("page", PAGES)
def test_every_page_opens_on_an_empty_warehouse_and_says_how_to_load_data(empty: Warehouse, page: str) -> None:
    app = _opened(page)
    assert not app.exception, app.exception
    assert [title.value for title in app.title] == [TITLES.get(page, "Afghanistan (AFG)")]
    notes = [info.value for info in app.sidebar.info]
    assert any("`r2p ingest SOURCE FILE`" in note for note in notes), notes
    # only the country can be chosen: there is no indicator or year to pick yet
    assert [box.label for box in app.sidebar.selectbox] == ["Country"] and not app.sidebar.select_slider


def test_a_link_naming_an_indicator_and_a_year_opens_on_an_empty_warehouse(empty: Warehouse) -> None:
    app = _opened("trends", {"country": "SDN", "indicator": "ewp.risk_2yr", "period": "2020", "indicators": "x"})
    assert not app.exception, app.exception
    assert app.sidebar.selectbox[0].value == "SDN"
    assert "Pick at least one country and one indicator." in [info.value for info in app.info]
