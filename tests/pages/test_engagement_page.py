"""The Engagement page as a person uses it: filters, gaps, one situation, one actor, and editing by editors."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pandas as pd
import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

from r2p.access.rights import Role
from r2p.engagement.analysis import situation_tiers
from r2p.engagement.registry import load_registry
from r2p.engagement.seed import SEED_RANGE, load_seed
from r2p.read.overview import engagement_gaps
from r2p.tiers import current_period, current_tiers
from r2p.warehouse import Warehouse
from tests.helpers.data import ROOT
from tests.helpers.elements import shown
from tests.helpers.real_warehouse import real_warehouse
from tests.helpers.rendered import unescaped
from tests.helpers.signin import accounts_file, sign_in
from tests.helpers.warehouses import contents

TIMEOUT = 120


@pytest.fixture
def seeded(warehouse: Warehouse) -> Warehouse:
    with warehouse.write() as connection:
        load_seed(connection)
    return warehouse


def _page(country: str = "SDN") -> AppTest:
    app = AppTest.from_file(str(ROOT / "app.py"), default_timeout=TIMEOUT)
    app.query_params["country"] = country
    app.run()
    app.switch_page("pages/engagement.py").run()
    assert not app.exception, app.exception
    return app


def _texts(app: AppTest) -> str:
    kinds = ("markdown", "error", "warning", "info", "caption", "title", "subheader", "success")
    # Registry text is escaped for Markdown (r2p.ui.plain); compare what a person reads.
    return unescaped("\n".join(str(element.value) for kind in kinds for element in app.get(kind)))


def _table(app: AppTest, column: str, last: bool = False) -> pd.DataFrame:
    """The first (or last) table on the page that has the column (AppTest does not expose dataframe keys)."""
    tables = [element.value for element in app.dataframe if column in element.value.columns]
    return tables[-1 if last else 0]


def _chart(app: AppTest, position: int = 0) -> dict:
    return json.loads(app.get("plotly_chart")[position].proto.spec)


def test_the_page_shows_gaps_first_the_map_and_says_what_is_demo_and_what_is_real(seeded: Warehouse) -> None:
    app = _page()
    texts = _texts(app)
    assert "DEMO" in texts and "real data, not demo" in texts
    subheaders = [s.value for s in app.subheader]
    assert subheaders[:2] == ["High risk, nobody engaged", "High risk, no new engagement in 12 months"]
    assert "Next decision points" in subheaders
    assert "Situations at High or above (model tier, method composite-1)" in texts
    matrix = json.dumps(_chart(app))
    assert "MONUSCO" in matrix and "Mandate or mission" in matrix
    assert "Read-only: sign in as editor (or above) to add, end or correct engagements." in texts
    assert not [widget for widget in app.text_input if str(widget.key).startswith("engagement_add")]


GAP_COLUMNS = ["Situation", "Tier", "Active engagements", "Last started"]


def _gaps_shown(app: AppTest, warehouse: Warehouse, method: str) -> int:
    """Check the two gap lists the page shows against read.overview.engagement_gaps on each of a few dates and
    windows: headers, columns, rows and their order (a list with no row says so instead). Returns the rows."""
    listed = 0
    for day, months in ((date(2026, 12, 6), 12), (date(2023, 12, 31), 36), (date(2015, 1, 1), 1),
                        (date(2004, 2, 29), 120)):
        app.date_input(key="engagement_as_of").set_value(day)
        app.number_input(key="engagement_months").set_value(months).run()
        assert not app.exception, app.exception
        assert [s.value for s in app.subheader][:2] == ["High risk, nobody engaged",
                                                         f"High risk, no new engagement in {months} months"]
        gaps = engagement_gaps(warehouse, method, current_period(warehouse, method), day, months)
        tables = iter(element.value for element in app.dataframe if "Active engagements" in element.value.columns)
        for gap in (gap for gap in gaps if not gap.empty):
            table = next(tables)
            assert list(table.columns) == GAP_COLUMNS
            assert table["Situation"].tolist() == gap["name"].tolist()
            assert table["Tier"].tolist() == gap["tier"].tolist()
            assert table["Active engagements"].tolist() == gap["active"].tolist()
            assert pd.to_datetime(table["Last started"]).tolist() == gap["last_started"].tolist()
            listed += len(table)
        assert next(tables, None) is None
        assert len(app.success) >= sum(gap.empty for gap in gaps)  # "Every High-or-above situation has ..."
    return listed


def test_the_gap_lists_show_the_gaps_read_in_order_with_headers_people_read(seeded: Warehouse) -> None:
    assert _gaps_shown(_page(), seeded, "composite-1")


def test_on_real_data_the_gap_lists_show_the_gaps_read(monkeypatch: pytest.MonkeyPatch) -> None:
    location = real_warehouse()
    monkeypatch.setenv("R2P_DB", str(location))  # the page only reads it
    app = _page()
    assert _gaps_shown(app, Warehouse(str(location)), app.session_state["r2p_view"].method)


def test_filters_change_what_the_matrix_shows(seeded: Warehouse) -> None:
    app = _page()
    app.multiselect(key="engagement_kinds").set_value(["sanctions"]).run()
    matrix = json.dumps(_chart(app))
    assert "Sanctions regime" in matrix and "MONUSCO" not in matrix and "1591 Committee" in matrix
    app.multiselect(key="engagement_kinds").set_value([]).run()
    app.date_input(key="engagement_as_of").set_value(date(2012, 1, 1)).run()
    matrix = json.dumps(_chart(app))
    assert "Engagements active on 2012-01-01" in matrix
    assert "MINUSMA" not in matrix and "UNAMID" in matrix  # MINUSMA began in 2013; UNAMID was still deployed


def test_without_tiers_the_page_says_so_and_lists_situations_with_no_active_engagement(seeded: Warehouse) -> None:
    with seeded.write() as connection:
        connection.execute("DELETE FROM risk_score")
    app = _page()
    assert "No risk tiers have been computed for method composite-1 yet" in _texts(app)
    app.date_input(key="engagement_as_of").set_value(date(1998, 1, 1)).run()
    gaps = _table(app, "Active engagements")
    assert {"Sudan", "Mali"} <= set(gaps["Situation"]) and "Somalia" not in set(gaps["Situation"])


def test_the_situation_follows_the_chosen_country_and_lists_invitees_with_reasons(seeded: Warehouse) -> None:
    app = _page("MMR")
    assert app.selectbox(key="engagement_situation_MMR").value == "mmr"
    invitees = _table(app, "actor_id")
    reasons = dict(zip(invitees["actor_id"], invitees["reason"], strict=True))
    assert reasons["un.iimm"].startswith("Engaged now: Independent Investigative Mechanism for Myanmar")
    assert reasons["asean"] == "Regional body covering MMR"


def test_the_actor_view_shows_a_dissolved_office_with_its_successor(seeded: Warehouse) -> None:
    app = _page()
    app.selectbox(key="engagement_actor_view").select("un.minusma").run()
    texts = _texts(app)
    assert "was dissolved (2023-12-31); no successor is recorded" in texts
    assert "MINUSMA: stabilization mission" in set(_table(app, "status", last=True)["title"])
    app.selectbox(key="engagement_actor_view").select("un.dpko").run()
    assert "its successor is Department of Peace Operations" in _texts(app)
    assert "DPKO → DPO" in _texts(app)


def test_an_editors_edit_lands_in_the_warehouse_and_the_audit_log(seeded: Warehouse, tmp_path: Path,
                                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    accounts_file(tmp_path, monkeypatch, {"ana.analyst": Role.EDITOR})
    app = sign_in(_page(), "ana.analyst")
    assert "Changes need a reason and are recorded in the audit log as ana.analyst." in _texts(app)
    app.selectbox(key="engagement_add_situation").select("bfa")
    app.selectbox(key="engagement_add_actor").select("un.dppa")
    app.selectbox(key="engagement_add_kind").select("briefing")
    app.text_input(key="engagement_add_title").input("Briefing on Burkina Faso")
    app.text_input(key="engagement_add_started").input("2026-11-02")
    next(button for button in app.button if button.label == "Add engagement").click().run()
    assert any("reason" in str(e.value) for e in app.error)  # no reason given: refused, nothing written
    assert SEED_RANGE + 1 not in set(load_registry(seeded).engagements["engagement_id"])
    app.text_input(key="engagement_add_reason").input("Requested by the Council president")
    next(button for button in app.button if button.label == "Add engagement").click().run()
    assert f"Added engagement #{SEED_RANGE + 1}." in _texts(app)
    added = load_registry(seeded).engagements.set_index("engagement_id").loc[SEED_RANGE + 1]
    assert (added["actor_id"], added["situation_id"], added["title"]) == ("un.dppa", "bfa", "Briefing on Burkina Faso")
    audit = [row for row in contents(seeded.current_file())["audit_log"] if row[2] == "ana.analyst"]
    assert [(row[3], row[5]) for row in audit] == [("add", str(SEED_RANGE + 1))]
    assert json.loads(audit[0][7])["reason"] == "Requested by the Council president"


def test_a_link_with_a_method_shows_that_methods_tiers(seeded: Warehouse) -> None:
    situations = load_registry(seeded).situations
    by_method = {label: situation_tiers(situations, current_tiers(seeded, label)).set_index("situation_id")["tier"]
                 for label in ("composite-1", "ewp-1")}
    differing = [s for s in situations["situation_id"] if by_method["ewp-1"][s] != by_method["composite-1"][s]]
    app = AppTest.from_file(str(ROOT / "app.py"), default_timeout=TIMEOUT)
    app.query_params.update({"country": "SDN", "method": "ewp-1"})
    app.switch_page("pages/engagement.py").run()  # the link opens the Engagement page itself
    assert not app.exception, app.exception
    assert "Situations at High or above (model tier, method ewp-1)" in _texts(app)
    app.selectbox(key="engagement_situation_SDN").select(differing[0]).run()
    assert f"model tier: {by_method['ewp-1'][differing[0]]}" in _texts(app)


def test_the_method_chosen_on_the_overview_carries_to_the_engagement_page(seeded: Warehouse) -> None:
    app = AppTest.from_file(str(ROOT / "app.py"), default_timeout=TIMEOUT).run()
    app.selectbox(key="method_select").select("ewp-1").run()
    app.query_params.clear()  # moving to another page drops the URL's keys: the session carries the choice
    app.switch_page("pages/engagement.py").run()
    assert not app.exception, app.exception
    assert "Situations at High or above (model tier, method ewp-1)" in _texts(app)
    assert app.query_params["method"] in ("ewp-1", ["ewp-1"])  # and the URL says so again


def test_a_rerun_shows_what_a_fresh_build_shows_and_each_filter_its_own_map(seeded: Warehouse) -> None:
    app = _page()
    first = shown(app)
    kept = shown(app.run())  # the view, gaps, figures and tables as kept per version (ui/engagement_data.py)
    st.cache_resource.clear()
    assert first == kept == shown(app.run())
    app.multiselect(key="engagement_kinds").set_value(["sanctions"]).run()
    sanctions = shown(app)
    app.multiselect(key="engagement_kinds").set_value([]).run()
    assert shown(app) == kept  # back to the first filters: the first map again, not the last one built
    st.cache_resource.clear()
    app.multiselect(key="engagement_kinds").set_value(["sanctions"]).run()
    assert shown(app) == sanctions
    assert "Sanctions regime" in json.dumps(_chart(app))
    with seeded.write() as connection:  # a new warehouse version: the map is built again from it
        connection.execute("DELETE FROM engagement WHERE kind = 'sanctions'")
    app.run()
    assert "Sanctions regime" not in json.dumps(_chart(app))
    assert "No engagement matches these filters on this date." in json.dumps(_chart(app))
