"""Key judgements and the scenarios-and-actors worksheet on the Country page: everyone reads them (the draft
marked as a draft, an empty worksheet said to be empty); editors save and approve through the forms."""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from r2p.access.rights import Role, User
from r2p.convening.judgements import DRAFT_LABEL, draft_judgements, latest_judgements
from r2p.convening.worksheet import Perpetrator, latest_worksheet, save_worksheet
from r2p.ui.plain import plain_markdown
from r2p.warehouse import Warehouse
from tests.helpers.data import ROOT
from tests.helpers.pages import texts
from tests.helpers.signin import accounts_file, form_ids, sign_in

PAYLOAD = '<script>window.__xss=1</script> ![x](http://127.0.0.1:1/x.png)'
EDITOR = User("ed@example.org", Role.EDITOR, "local account")


def _country_page(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, who: str | None) -> AppTest:
    accounts_file(tmp_path, monkeypatch, {"erin.editor": Role.EDITOR, "vic.viewer": Role.VIEWER})
    app = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    app.query_params.update({"country": "SDN", "period": "2025", "indicator": "ewp.risk_2yr"})
    app.run().switch_page("pages/country.py").run()
    assert not app.exception, app.exception
    return sign_in(app, who) if who else app


def test_a_reader_sees_the_draft_marked_and_the_empty_worksheet_said(warehouse: Warehouse, tmp_path: Path,
                                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    app = _country_page(tmp_path, monkeypatch, None)
    shown = texts(app)
    assert f"{DRAFT_LABEL}: drafted by R2P Watch" in shown
    first = draft_judgements(warehouse, "SDN").key_judgements[0]
    assert plain_markdown(first) in " ".join(m.value for m in app.markdown)
    assert "No worksheet has been filled in for Sudan." in shown
    assert "Read-only: sign in as editor (or above) to edit the worksheet." in shown
    assert "Read-only: sign in as editor (or above) to edit or approve the judgements." in shown
    assert not {"worksheet_form", "judgements_form"} & form_ids(app)


def test_a_saved_worksheet_is_shown_as_plain_text(warehouse: Warehouse, tmp_path: Path,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    save_worksheet(warehouse, "SDN", [Perpetrator("Rapid Support Forces", PAYLOAD)], ["Masalit civilians"], [], [],
                   [], [], ["Troop build-up around El Fasher"], user=EDITOR)
    app = _country_page(tmp_path, monkeypatch, "vic.viewer")
    markdown = " ".join(m.value for m in app.markdown)
    assert f"**Rapid Support Forces** — motive: {plain_markdown(PAYLOAD)}" in markdown
    assert "- Masalit civilians" in markdown
    assert f"- {plain_markdown('Troop build-up around El Fasher')}" in markdown
    assert "<script>" not in markdown
    assert "edit the worksheet needs the editor role; you are signed in as viewer" in texts(app)


def test_an_editor_saves_the_worksheet_and_approves_the_judgements(warehouse: Warehouse, tmp_path: Path,
                                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    app = _country_page(tmp_path, monkeypatch, "erin.editor")
    app.text_area(key="worksheet_perpetrators").input("Militia A | land | arms | elections | extra")
    app.button(key="worksheet_save").click().run()
    assert "Potential perpetrators, line 1: at most four parts" in " ".join(e.value for e in app.error)
    assert latest_worksheet(warehouse, "SDN") is None
    app.text_area(key="worksheet_perpetrators").input("Militia A | land | arms | elections")
    app.text_area(key="worksheet_scenarios").input("Attack on the camps\n\nSiege lifted")
    app.button(key="worksheet_save").click().run()
    assert not app.exception, app.exception
    saved = latest_worksheet(warehouse, "SDN")
    assert saved is not None and saved.version == 1 and saved.edited_by == "erin.editor"
    assert saved.perpetrators == (Perpetrator("Militia A", "land", "arms", "elections"),)
    assert saved.scenarios == ("Attack on the camps", "Siege lifted")
    assert "Saved version 1 of the worksheet for SDN." in texts(app)
    assert "No worksheet has been filled in for Sudan." not in texts(app)

    app.text_area(key="judgements_key").input("Sudan stays at high risk in 2025.")
    app.text_area(key="judgements_changed").input("Nothing new since 2025.")
    app.button(key="judgements_approve").click().run()
    assert not app.exception, app.exception
    approved = latest_judgements(warehouse, "SDN")
    assert approved is not None and approved.approved and approved.approved_by == "erin.editor"
    assert approved.key_judgements == ("Sudan stays at high risk in 2025.",)
    assert f"{approved.label} (version 1)." in texts(app) and DRAFT_LABEL not in texts(app)
