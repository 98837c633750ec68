"""Trends page: several countries and indicators, sub-region medians, and the selection kept in the link."""

from __future__ import annotations

import json

import pytest
from streamlit.testing.v1 import AppTest

from r2p.warehouse import Warehouse
from tests.helpers.data import ROOT
from tests.helpers.real_warehouse import real_warehouse
from tests.helpers.rendered import unescaped

TIMEOUT = 60
INDICATORS = "wdi.infant_mortality,vdem.v2x_polyarchy"


def _trends(params: dict[str, str]) -> AppTest:
    app = AppTest.from_file(str(ROOT / "app.py"), default_timeout=TIMEOUT)
    app.query_params.update(params)
    app.run().switch_page("pages/trends.py").run()
    assert not app.exception, app.exception
    return app


def _param(app: AppTest, key: str) -> str:
    value = app.query_params[key]
    return value[-1] if isinstance(value, list) else value


def _chart(app: AppTest) -> dict:
    return json.loads(next(c for c in app.get("plotly_chart") if c.key == "trend_chart").proto.spec)


def test_a_panel_per_indicator_a_line_per_country_and_subregion_medians(warehouse: Warehouse) -> None:
    app = _trends({"countries": "SDN,MMR", "indicators": INDICATORS})
    spec = _chart(app)
    panels = [a["text"] for a in spec["layout"]["annotations"]]
    assert len(panels) == 2 and panels[0].startswith("Infant mortality rate")  # in the order chosen
    lines = {t["name"] for t in spec["data"]}
    assert lines == {"Sudan", "Myanmar", "Northern Africa median", "South-eastern Asia median"}
    assert "DEMO" in spec["layout"]["title"]["text"]


def test_the_selection_round_trips_through_the_link(warehouse: Warehouse) -> None:
    app = _trends({"countries": "SDN,MMR", "indicators": INDICATORS})
    assert app.multiselect(key="compare_countries").value == ["SDN", "MMR"]
    assert app.multiselect(key="compare_indicators").value == INDICATORS.split(",")
    app.multiselect(key="compare_countries").select("ETH").run()
    app.multiselect(key="compare_indicators").unselect("vdem.v2x_polyarchy").run()
    assert _param(app, "countries") == "SDN,MMR,ETH" and _param(app, "indicators") == "wdi.infant_mortality"
    assert _param(app, "country")  # the router's view keys are still there beside the page's
    reopened = _trends({key: _param(app, key) for key in app.query_params})
    assert reopened.multiselect(key="compare_countries").value == ["SDN", "MMR", "ETH"]
    assert reopened.multiselect(key="compare_indicators").value == ["wdi.infant_mortality"]


def test_invalid_codes_are_dropped_with_a_visible_notice(warehouse: Warehouse) -> None:
    app = _trends({"countries": "sdn,XXX,<b>", "indicators": "wdi.infant_mortality,no.such"})
    warnings = unescaped(" ".join(w.value for w in app.warning))
    assert "Country code(s) 'XXX', '<B>' in the link" in warnings
    assert "Indicator(s) 'no.such' in the link" in warnings
    assert app.multiselect(key="compare_countries").value == ["SDN"]
    assert _param(app, "countries") == "SDN" and _param(app, "indicators") == "wdi.infant_mortality"


def test_without_a_selection_in_the_link_the_shared_view_is_shown(warehouse: Warehouse) -> None:
    app = _trends({"country": "MMR", "indicator": "wdi.infant_mortality"})
    assert app.multiselect(key="compare_countries").value == ["MMR"]
    assert app.multiselect(key="compare_indicators").value == ["wdi.infant_mortality"]
    assert not app.warning


def test_an_empty_selection_asks_for_a_choice(warehouse: Warehouse) -> None:
    app = _trends({"countries": "SDN", "indicators": "wdi.infant_mortality"})
    app.multiselect(key="compare_countries").unselect("SDN").run()
    assert not app.exception and "Pick at least one country" in " ".join(i.value for i in app.info)


def test_on_real_data_a_two_year_indicator_reads_whole_years(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("R2P_DB", str(real_warehouse()))
    app = _trends({"countries": "SDN,MMR", "indicators": "ewp.risk_2yr"})
    layout = _chart(app)["layout"]
    axes = [axis for name, axis in layout.items() if name.startswith("xaxis")]
    assert axes and all(axis["tickformat"] == "d" and axis["dtick"] == 1 for axis in axes)
    assert layout["legend"]["yref"] == "container"
