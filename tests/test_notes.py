"""Country notes: editors append them (stripped, 10–4000 characters, known country), audited; viewers cannot."""

from __future__ import annotations

import pytest

from r2p.access.rights import ANONYMOUS, PermissionDenied, Role, User
from r2p.notes import MAX_NOTE, NoteError, add_country_note, country_notes
from r2p.warehouse import Warehouse
from r2p.warehouse.queries import query
from tests.helpers.warehouses import contents

EDITOR = User("ed@example.org", Role.EDITOR, "local account")


def test_notes_are_appended_stripped_latest_first_and_audited(warehouse: Warehouse) -> None:
    first = add_country_note(warehouse, "SDN", "  First note on Sudan.  ", EDITOR)
    second = add_country_note(warehouse, "SDN", "Second note, <b>not</b> HTML.", EDITOR)
    notes = country_notes(warehouse, "SDN")
    assert list(notes["note_id"]) == [second, first]
    assert list(notes["body"]) == ["Second note, <b>not</b> HTML.", "First note on Sudan."]
    assert set(notes["author"]) == {"ed@example.org"} and country_notes(warehouse, "MMR").empty
    logged = query(warehouse, "read/audit_entries", {"since": None, "until": None, "who": "ed@example.org",
                                                "action": "note", "entity": "country_note", "entity_id": None,
                                                "text": None, "limit": 10})
    assert sorted(logged["entity_id"]) == sorted([str(first), str(second)])


@pytest.mark.parametrize(("iso3", "body", "message"), [
    ("SDN", "too short", "at least 10 characters"),
    ("SDN", "   \n  ", "at least 10 characters"),
    ("SDN", "x" * (MAX_NOTE + 1), f"at most {MAX_NOTE} characters"),
    ("XXX", "A perfectly good note.", "Unknown country 'XXX'"),
])
def test_a_bad_note_is_refused_and_nothing_changes(warehouse: Warehouse, iso3: str, body: str, message: str) -> None:
    before = contents(warehouse.current_file())
    with pytest.raises(NoteError, match=message):
        add_country_note(warehouse, iso3, body, EDITOR)
    assert contents(warehouse.current_file()) == before


@pytest.mark.parametrize("user", [ANONYMOUS, User("v@example.org", Role.VIEWER, "oidc")])
def test_viewers_cannot_add_notes(warehouse: Warehouse, user: User) -> None:
    before = contents(warehouse.current_file())
    with pytest.raises(PermissionDenied, match="editor"):
        add_country_note(warehouse, "SDN", "A note a viewer tries to add.", user)
    assert contents(warehouse.current_file()) == before


def test_the_longest_note_is_kept_whole(warehouse: Warehouse) -> None:
    body = "é" * MAX_NOTE
    add_country_note(warehouse, "SDN", body, EDITOR)
    assert country_notes(warehouse, "SDN")["body"].iloc[0] == body
