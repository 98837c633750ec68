"""Audit log page: editors and admins see the chain status and the rows the filters pick; viewers are refused."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest
from streamlit.testing.v1 import AppTest

from r2p.access.rights import Role, User
from r2p.notes import add_country_note
from r2p.read.audit_trail import audit_row_count
from r2p.warehouse import Warehouse
from tests.helpers.pages import reviews_app, texts
from tests.helpers.signin import accounts_file, sign_in

EDITOR = User("ed@example.org", Role.EDITOR, "local account")


def _audit_page(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, role: Role | None) -> AppTest:
    accounts_file(tmp_path, monkeypatch, {"erin.editor": Role.EDITOR, "vic.viewer": Role.VIEWER})
    app = reviews_app("pages/audit.py")
    if role is not None:
        sign_in(app, {Role.EDITOR: "erin.editor", Role.VIEWER: "vic.viewer"}[role])
    return app


@pytest.mark.parametrize(("role", "says"), [(None, "you are not signed in"), (Role.VIEWER, "you are viewer")])
def test_viewers_and_anonymous_see_one_line_naming_the_role_needed(warehouse: Warehouse, tmp_path: Path,
                                                                   monkeypatch: pytest.MonkeyPatch,
                                                                   role: Role | None, says: str) -> None:
    app = _audit_page(tmp_path, monkeypatch, role)
    assert [i.value for i in app.info] == [f"The audit log is shown to editors and admins: sign in as editor "
                                           f"(or above); {says}."]
    assert not app.dataframe and not app.success and "r2p init" not in texts(app)


def test_an_editor_sees_every_row_and_the_chain_verified(warehouse: Warehouse, tmp_path: Path,
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    add_country_note(warehouse, "SDN", "Sudan: a note the audit page must list.", EDITOR)
    app = _audit_page(tmp_path, monkeypatch, Role.EDITOR)
    assert not app.exception, app.exception
    rows = audit_row_count(warehouse)
    assert f"Audit chain verified: {rows} row(s)" in app.success[0].value
    shown = app.dataframe[0].value
    assert len(shown) == rows and shown["actor"].iloc[0] == "ed@example.org"


def test_filters_change_what_is_shown(warehouse: Warehouse, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    add_country_note(warehouse, "SDN", "Sudan: the only note, about Darfur.", EDITOR)
    app = _audit_page(tmp_path, monkeypatch, Role.EDITOR)
    everything = len(app.dataframe[0].value)
    app.selectbox(key="audit_action").set_value("note").run()
    assert list(app.dataframe[0].value["entity"]) == ["country_note"]
    app.selectbox(key="audit_action").set_value("Any").run()
    app.selectbox(key="audit_entity").set_value("actor").run()
    actors = app.dataframe[0].value
    assert 0 < len(actors) < everything and set(actors["entity"]) == {"actor"}
    app.text_input(key="audit_text").input("un.sc").run()
    narrowed = app.dataframe[0].value
    assert 0 < len(narrowed) < len(actors) and all("un.sc" in f"{r.entity_id}{r.after}" for r in narrowed.itertuples())
    assert f"{len(narrowed)} row(s) match" in texts(app)


def test_an_altered_row_turns_the_status_red(warehouse: Warehouse, tmp_path: Path,
                                             monkeypatch: pytest.MonkeyPatch) -> None:
    with duckdb.connect(str(warehouse.current_file())) as connection:
        connection.execute("UPDATE audit_log SET actor = 'someone else' WHERE audit_id = 7")
    app = _audit_page(tmp_path, monkeypatch, Role.EDITOR)
    errors = [e.value for e in app.error if "DEMO" not in e.value]
    assert errors == [f"Audit chain BROKEN: 1 of {audit_row_count(warehouse)} row(s) do not match their hash (#7)."]
