"""Every page runs under AppTest, shows DEMO on demo data, and keeps the view in the URL."""

from __future__ import annotations

import subprocess
import sys

import pytest
from streamlit.testing.v1 import AppTest

from r2p.warehouse import Warehouse
from tests.helpers.data import EXAMPLES, ROOT
from tests.helpers.rendered import unescaped

PAGES = ["overview", "country", "trends", "engagement", "meeting_prep", "reviews", "data_methods", "audit"]
TIMEOUT = 60


def _app(params: dict[str, str] | None = None) -> AppTest:
    app = AppTest.from_file(str(ROOT / "app.py"), default_timeout=TIMEOUT)
    for key, value in (params or {}).items():
        app.query_params[key] = value
    return app


def _texts(app: AppTest) -> str:
    parts = [e.value for kind in ("markdown", "error", "warning", "info", "caption", "title", "subheader")
             for e in app.get(kind)]
    return "\n".join(str(p) for p in parts)


@pytest.mark.parametrize("page", PAGES)
def test_every_page_renders_without_an_exception_and_says_demo(warehouse: Warehouse, page: str) -> None:
    app = _app().run()
    app.switch_page(f"pages/{page}.py").run()
    assert not app.exception, app.exception
    assert "DEMO" in _texts(app)


def test_the_overview_draws_a_map_of_the_chosen_indicator(warehouse: Warehouse) -> None:
    app = _app({"indicator": "wdi.infant_mortality", "period": "2010", "country": "SDN"}).run()
    assert not app.exception
    # The indicator map is the second choice above the Overview's map (the tier map is the first).
    app.radio(key="overview_map_choice").set_value("indicator").run()
    spec = next(chart for chart in app.get("plotly_chart") if chart.key == "overview_map").proto.spec
    assert '"choroplethmap"' in spec and "Infant mortality rate, 2010" in spec
    assert app.sidebar.selectbox[0].value == "SDN"


def test_a_link_reopens_the_same_view_and_choices_update_the_url(warehouse: Warehouse) -> None:
    app = _app({"country": "MMR", "period": "2015", "indicator": "vdem.v2x_polyarchy"}).run()
    assert [app.sidebar.selectbox[0].value, app.sidebar.selectbox[1].value] == ["MMR", "vdem.v2x_polyarchy"]
    assert app.sidebar.select_slider[0].value == 2015
    app.sidebar.selectbox[0].select("SDN").run()
    assert app.query_params["country"] == ["SDN"] or app.query_params["country"] == "SDN"
    app.switch_page("pages/country.py").run()
    assert "Sudan (SDN)" in _texts(app)
    assert app.sidebar.select_slider[0].value == 2015


def test_invalid_link_values_fall_back_with_a_visible_notice(warehouse: Warehouse) -> None:
    app = _app({"country": "<script>", "period": "1066", "indicator": "no.such"}).run()
    assert not app.exception
    warnings = unescaped(" ".join(w.value for w in app.warning))
    assert "Unknown country '<script>'" in warnings and "Unknown indicator 'no.such'" in warnings
    assert "Year '1066'" in warnings
    assert app.sidebar.selectbox[1].value == "ewp.risk_2yr"


@pytest.mark.slow  # a second process is the point
def test_an_ingest_from_another_process_shows_without_a_restart(warehouse: Warehouse) -> None:
    app = _app({"indicator": "wdi.infant_mortality"}).run()
    before = [o for o in app.sidebar.selectbox[1].options]
    loaded = subprocess.run([sys.executable, "-m", "r2p.cli", "ingest", "table", str(EXAMPLES / "table_long.csv")],
                            capture_output=True, text=True, check=False)
    assert loaded.returncode == 0, loaded.stderr
    app.run()
    after = [o for o in app.sidebar.selectbox[1].options]
    assert len(after) == len(before) + 2
    assert any("Dehumanising rhetoric" in o for o in after)
