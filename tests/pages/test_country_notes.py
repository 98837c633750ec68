"""Country notes on the Country page: editors add them through the form; everyone reads them as plain text."""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from r2p.access.rights import Role, User
from r2p.notes import add_country_note, country_notes
from r2p.ui.plain import plain_markdown
from r2p.warehouse import Warehouse
from tests.helpers.data import ROOT
from tests.helpers.pages import texts
from tests.helpers.signin import accounts_file, form_ids, sign_in

PAYLOAD = '<script>window.__xss=1</script> <img src=x onerror="window.__xss=1"> ![x](http://127.0.0.1:1/x.png)'


def _country_page(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, who: str | None) -> AppTest:
    accounts_file(tmp_path, monkeypatch, {"erin.editor": Role.EDITOR, "vic.viewer": Role.VIEWER})
    app = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    app.query_params.update({"country": "SDN", "period": "2025", "indicator": "ewp.risk_2yr"})
    app.run().switch_page("pages/country.py").run()
    assert not app.exception, app.exception
    return sign_in(app, who) if who else app


def test_notes_show_latest_first_as_escaped_plain_text(warehouse: Warehouse, tmp_path: Path,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    editor = User("ed@example.org", Role.EDITOR, "local account")
    add_country_note(warehouse, "SDN", "An older note on Sudan.", editor)
    add_country_note(warehouse, "SDN", PAYLOAD, editor)
    app = _country_page(tmp_path, monkeypatch, None)
    bodies = [m.value for m in app.markdown if m.value in (plain_markdown(PAYLOAD),
                                                           plain_markdown("An older note on Sudan."))]
    assert bodies == [plain_markdown(PAYLOAD), plain_markdown("An older note on Sudan.")]
    assert "Read-only: sign in as editor (or above) to add notes." in texts(app)
    assert "country_note_form" not in form_ids(app)


def test_a_viewer_gets_no_form(warehouse: Warehouse, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    app = _country_page(tmp_path, monkeypatch, "vic.viewer")
    assert "country_note_form" not in form_ids(app)
    assert "add notes needs the editor role; you are signed in as viewer" in texts(app)


def test_an_editor_adds_a_note_through_the_form(warehouse: Warehouse, tmp_path: Path,
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    app = _country_page(tmp_path, monkeypatch, "erin.editor")
    app.text_area(key="country_note_body").input("short")
    app.button(key="country_note_save").click().run()
    assert "A note needs at least 10 characters (this one has 5)." in [e.value for e in app.error]
    assert country_notes(warehouse, "SDN").empty
    app.text_area(key="country_note_body").input("  Monitors report new displacement near El Fasher.  ")
    app.button(key="country_note_save").click().run()
    assert not app.exception, app.exception
    saved = country_notes(warehouse, "SDN")
    assert list(saved[["body", "author"]].itertuples(index=False, name=None)) == [
        ("Monitors report new displacement near El Fasher.", "erin.editor")]
    assert f"Saved note #{saved['note_id'].iloc[0]} on SDN." in texts(app)
    assert plain_markdown("Monitors report new displacement near El Fasher.") in [m.value for m in app.markdown]
