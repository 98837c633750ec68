"""Country notes: short analyst notes on a country, append-only, shown latest first."""

from __future__ import annotations

from datetime import UTC, datetime

import pandas as pd

from r2p.access.rights import User, require
from r2p.warehouse.audit import audit
from r2p.warehouse.queries import query, run
from r2p.warehouse.store import Warehouse

MIN_NOTE = 10
MAX_NOTE = 4000


class NoteError(ValueError):
    """A note that cannot be recorded; the message says why."""


def check_note(body: str) -> str:
    """The note as it will be stored (stripped), or NoteError saying what is wrong with it."""
    text = body.strip()
    if len(text) < MIN_NOTE:
        raise NoteError(f"A note needs at least {MIN_NOTE} characters (this one has {len(text)}).")
    if len(text) > MAX_NOTE:
        raise NoteError(f"A note has at most {MAX_NOTE} characters (this one has {len(text)}); shorten it.")
    return text


def add_country_note(warehouse: Warehouse, iso3: str, body: str, user: User) -> int:
    """Append a note on a country as `user` (editor or above); returns its number."""
    require(user, "country_note")
    text = check_note(body)
    with warehouse.write() as connection:
        if not int(run(connection, "read/country_known", {"iso3": iso3})["known"].iloc[0]):
            raise NoteError(f"Unknown country {iso3!r}.")
        added = run(connection, "write/add_country_note", {"iso3": iso3, "body": text, "author": user.name,
                                                "created_at": datetime.now(UTC).replace(tzinfo=None)})
        note_id = int(added["note_id"].iloc[0])
        audit(connection, "note", "country_note", str(note_id), None, {"iso3": iso3, "body": text}, user.name)
    return note_id


def country_notes(warehouse: Warehouse, iso3: str) -> pd.DataFrame:
    """note_id, iso3, body, author, created_at of a country's notes, latest first."""
    return query(warehouse, "read/country_notes", {"iso3": iso3})
