"""Issue 15's sections as a person sees them: options on Meeting prep, next decision points on Country."""

from __future__ import annotations

import html
from datetime import date
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from r2p.access.rights import Role, User
from r2p.convening.calendar import decision_points
from r2p.convening.options import pack_options, set_selection
from r2p.warehouse import Warehouse
from tests.helpers.signin import accounts_file, sign_in
from tests.ui.test_tier_tables import html_lists

ROOT = Path(__file__).resolve().parents[2]


def _run(page: str, country: str = "SDN") -> AppTest:
    app = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    app.query_params["country"] = country
    app.run()
    app.switch_page(f"pages/{page}.py").run()
    assert not app.exception, [e.value for e in app.exception]
    return app


def test_meeting_prep_shows_the_selected_options_and_the_library(warehouse: Warehouse) -> None:
    editor = User("ed@example.org", Role.EDITOR, "local account")
    set_selection(warehouse, "SDN", "targeted_sanctions", True, "Named commanders.", editor)
    set_selection(warehouse, "SDN", "good_offices", True, "Envoy talks.", editor)
    app = _run("meeting_prep")
    assert "Options and their implications" in [s.value for s in app.subheader]
    texts = "\n".join(str(m.value) for m in app.markdown)
    assert "Weigh against each other" in texts and "Targeted sanctions" in texts
    assert "Who holds the lever" in texts
    assert not [area for area in app.text_area if area.key == "options_annotation"]  # viewers get no form
    assert len(pack_options(warehouse, "SDN")) == 2


def test_country_lists_the_countrys_next_decision_points_with_sources(warehouse: Warehouse) -> None:
    app = _run("country", "COD")
    assert "Next decision points" in [s.value for s in app.subheader]
    upcoming = decision_points("COD", after=date.today(), limit=8)
    assert not any("Decision point" in t.value.columns for t in app.dataframe)  # an HTML table, no grid
    tables = [t for t in html_lists(app) if "Decision point" in t.columns]
    markup = next(h.value for h in app.html if "Decision point" in h.value)
    shown = upcoming or decision_points("COD")[-3:]  # the calendar is dated data: "next" depends on the day
    if not upcoming:
        assert "No UN decision point after" in "\n".join(str(i.value) for i in app.info)
    assert list(tables[0].columns) == ["Date", "Kind", "Decision point", "Countries", "Source"]
    assert tables[0].values.tolist() == [[f"{p.date:%Y-%m-%d}", p.kind_label, p.title, ", ".join(p.iso3s) or "all",
                                          p.source_url] for p in shown]
    assert all(f'<a href="{html.escape(p.source_url)}">' in markup for p in shown)  # each source a link
    assert any(str(b.key).endswith("_csv") and "decision_points" in str(b.key) for b in app.get("download_button"))


def test_an_editor_selects_an_option_with_a_reason_and_it_is_recorded(warehouse: Warehouse, tmp_path: Path,
                                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    accounts_file(tmp_path, monkeypatch, {"ana.analyst": Role.EDITOR})
    app = sign_in(_run("meeting_prep"), "ana.analyst")
    app.selectbox(key="options_option").select("arms_embargo")
    app.text_area(key="options_annotation").input("Weapons reach El Fasher through the western border.")
    app.button(key="options_save").click().run()
    assert not app.exception, app.exception
    assert "Selected “Arms embargo” for SDN." in [s.value for s in app.success]
    chosen = pack_options(warehouse, "SDN")
    assert [(s.option.id, s.selected_by) for s in chosen] == [("arms_embargo", "ana.analyst")]
    app.selectbox(key="options_option").select("arms_embargo")
    app.button(key="options_save").click().run()  # selecting with no reason is refused, nothing written
    assert "annotation is empty" in "\n".join(str(e.value) for e in app.error)
    assert len(pack_options(warehouse, "SDN")) == 1
