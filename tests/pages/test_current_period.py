"""The pages open on the tier method's current period, not on a later year one `table` row made scored."""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from r2p.tiers import tier_table
from r2p.ui.overview_tables import TIERS_SHOWN
from r2p.warehouse import Warehouse
from tests.helpers.data import ROOT
from tests.helpers.later_row import CURRENT, LATER, load_later_row
from tests.helpers.pages import texts

TIMEOUT = 120


@pytest.fixture
def one_later_row(warehouse: Warehouse, tmp_path: Path) -> Warehouse:
    load_later_row(tmp_path)
    return warehouse


def _page(page: str, params: dict[str, str]) -> AppTest:
    app = AppTest.from_file(str(ROOT / "app.py"), default_timeout=TIMEOUT)
    for key, value in params.items():
        app.query_params[key] = value
    app.run()
    if page != "overview":
        app.switch_page(f"pages/{page}.py").run()
    assert not app.exception, app.exception
    return app


def test_the_overview_shows_the_current_period_and_the_rows_r2p_tiers_prints(one_later_row: Warehouse) -> None:
    app = _page("overview", {})
    assert app.query_params["period"] in (str(CURRENT), [str(CURRENT)])  # the sidebar's year, in the link
    assert f"All countries, {CURRENT} (composite-1)" in texts(app)
    app.session_state[TIERS_SHOWN] = True  # every country's table is drawn once its expander is opened
    app.run()
    shown = next(d.value for d in app.dataframe if d.value.columns[0] == "iso3")
    assert list(shown["tier"]) == list(tier_table(one_later_row, "composite-1", CURRENT)["tier"])
    assert list(shown["iso3"]) == list(tier_table(one_later_row, "composite-1")["iso3"])


def test_the_later_year_is_still_there_when_chosen(one_later_row: Warehouse) -> None:
    app = _page("overview", {"indicator": "ucdp.battle_deaths", "period": str(LATER)})
    assert f"All countries, {LATER} (composite-1)" in texts(app)


def test_the_country_page_and_meeting_prep_show_the_current_period(one_later_row: Warehouse) -> None:
    assert f"Risk tier, {CURRENT}" in texts(_page("country", {"country": "TCD"}))
    assert f"method version composite-1, scored year {CURRENT}," in texts(_page("meeting_prep", {"country": "TCD"}))
