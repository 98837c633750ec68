"""Meeting prep as a convenor uses it: pick a situation and a date, read the preview, take the pack or a link."""

from __future__ import annotations

from datetime import date

import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

from r2p.exports.briefing import default_since
from r2p.reviews.queue import today
from r2p.warehouse import Warehouse
from tests.helpers.data import ROOT
from tests.helpers.elements import shown
from tests.helpers.rendered import unescaped

TIMEOUT = 120


def _page(params: dict[str, str]) -> AppTest:
    app = AppTest.from_file(str(ROOT / "app.py"), default_timeout=TIMEOUT)
    for key, value in params.items():
        app.query_params[key] = value
    app.run()
    app.switch_page("pages/meeting_prep.py").run()
    assert not app.exception, app.exception
    return app


def _texts(app: AppTest) -> str:
    kinds = ("markdown", "error", "warning", "info", "caption", "title", "subheader")
    return unescaped("\n".join(str(element.value) for kind in kinds for element in app.get(kind)))


def _labels(app: AppTest) -> list[str]:
    return [button.proto.label for button in app.get("download_button")]


def _param(app: AppTest, key: str) -> str:
    value = app.query_params[key]
    return value[0] if isinstance(value, list) else value


def test_the_page_previews_every_section_and_offers_the_pack(warehouse: Warehouse, monkeypatch: pytest.MonkeyPatch
                                                             ) -> None:
    monkeypatch.setenv("R2P_HANDLING_MARKING", "OFFICIAL USE ONLY")
    app = _page({"country": "SDN", "since": "2024-01-01"})
    subheaders = [s.value for s in app.subheader]
    pack = subheaders[subheaders.index("Briefing pack: Sudan (SDN)"):]
    assert pack == ["Briefing pack: Sudan (SDN)", "Bottom line", "What changed since 2024-01-01",
                    "Scenarios and actors", "Options and their implications", "Next decision points", "Engagement",
                    "Who should be in the room", "Sources and method"]
    texts = _texts(app)
    assert "Handling marking: OFFICIAL USE ONLY" in texts and "DEMO" in texts
    assert {"Briefing pack (PDF)", "Briefing pack (PPTX)"} <= set(_labels(app))
    # each chart of the pack exports, as on every page: deaths and events, the event map, tier history, the
    # score's parts and the engagement network
    assert _labels(app).count("PNG") == 5
    assert len(app.get("plotly_chart")) == 5
    link = app.code[0].value
    assert link.startswith("/meeting_prep?country=SDN&period=") and "since=2024-01-01" in link
    assert "method=composite-1" in link


def test_a_new_date_changes_the_preview_and_the_link(warehouse: Warehouse) -> None:
    app = _page({"country": "SDN", "since": "2024-01-01"})
    app.date_input(key="meeting_since").set_value(date(2025, 3, 1)).run()
    assert "What changed since 2025-03-01" in [s.value for s in app.subheader]
    assert _param(app, "since") == "2025-03-01" and "since=2025-03-01" in app.code[0].value


def test_an_old_date_in_the_link_is_kept(warehouse: Warehouse) -> None:
    app = _page({"country": "SDN", "since": "2001-02-03"})
    assert app.date_input(key="meeting_since").value == date(2001, 2, 3)
    assert "What changed since 2001-02-03" in [s.value for s in app.subheader]


def test_picking_a_situation_moves_the_shared_view(warehouse: Warehouse) -> None:
    app = _page({"country": "SDN", "since": "2024-01-01"})
    app.selectbox(key="meeting_country").select("CIV").run()
    assert "Briefing pack: Côte d'Ivoire (CIV)" in [s.value for s in app.subheader]
    assert _param(app, "country") == "CIV" and app.sidebar.selectbox[0].value == "CIV"
    assert "No situation in the engagement registry covers Côte d'Ivoire" in _texts(app)


def test_without_a_date_in_the_link_the_changes_run_from_a_year_ago_and_a_bad_one_says_so(
        warehouse: Warehouse) -> None:
    app = _page({"country": "SDN", "since": "last tuesday"})
    assert "The date 'last tuesday' in the link is not a date" in _texts(app)
    assert _param(app, "since") == str(default_since(today()))


def test_the_data_and_methods_tables_and_the_engagement_figures_export(warehouse: Warehouse) -> None:
    app = AppTest.from_file(str(ROOT / "app.py"), default_timeout=TIMEOUT).run()
    app.switch_page("pages/data_methods.py").run()
    assert not app.exception, app.exception
    labels = _labels(app)
    assert labels.count("CSV") >= 5 and labels.count("CSV") == labels.count("XLSX (with an About sheet)")
    app.switch_page("pages/engagement.py").run()
    assert not app.exception, app.exception
    labels = _labels(app)
    assert {"Matrix PNG", "Matrix SVG", "Matrix PDF", "Network PNG", "Network SVG", "Network PDF"} <= set(labels)
    assert labels.count("CSV") == 3  # the situation's engagements, the suggested invitees, the decision points


def test_a_rerun_shows_what_a_fresh_build_of_the_preview_shows(warehouse: Warehouse) -> None:
    app = _page({"country": "SDN", "since": "2024-01-01"})
    first = shown(app)
    assert len(app.get("plotly_chart")) == 5
    kept = shown(app.run())  # the preview's charts, sections and chart tables as kept (ui/meeting_preview.py)
    st.cache_resource.clear()  # the same briefing (still in the data cache), its preview built again
    fresh = shown(app.run())
    assert first == kept == fresh
    app.date_input(key="meeting_since").set_value(date(2025, 3, 1)).run()  # another briefing: another preview
    assert shown(app) != kept and "What changed since 2025-03-01" in [s.value for s in app.subheader]
