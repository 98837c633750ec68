"""A country's key judgements and "what changed and why": the product's draft (r2p.convening.drafting) until an
editor edits and approves it; every save and every approval is a new version, audited."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime

import pandas as pd

from r2p.access.rights import User, require
from r2p.convening import drafting
from r2p.warehouse.audit import audit
from r2p.warehouse.queries import query, run
from r2p.warehouse.store import Warehouse

MAX_JUDGEMENTS = 5
MAX_SENTENCE = 1000  # characters in one key judgement
MAX_CHANGED = 4000  # characters in "what changed and why"
DRAFT_LABEL = "DRAFT — not approved"


class JudgementError(ValueError):
    """Judgements that cannot be saved; the message says what is wrong."""


@dataclass(frozen=True)
class Judgements:
    """A country's key judgements as the pack shows them. version 0: never saved, the text is the fresh draft."""

    iso3: str
    key_judgements: tuple[str, ...]
    what_changed: str
    approved: bool
    approved_by: str | None
    approved_at: datetime | None
    version: int
    edited_by: str | None = None
    edited_at: datetime | None = None

    @property
    def label(self) -> str:
        """How the text is marked wherever it shows: a draft until an editor approves it."""
        if not self.approved:
            return DRAFT_LABEL
        return f"Approved by {self.approved_by} on {self.approved_at:%Y-%m-%d}"


def draft_judgements(warehouse: Warehouse, iso3: str, today: date | None = None) -> Judgements:
    """The product's fresh draft from the data as they are now (nothing is saved)."""
    return drafted(drafting.gather_facts(warehouse, iso3, today))


def drafted(facts: drafting.Facts) -> Judgements:
    """The product's fresh draft from facts already read (nothing is saved)."""
    key_judgements, what_changed = drafting.draft(facts)
    return Judgements(facts.iso3, key_judgements, what_changed, False, None, None, 0)


def latest_judgements(warehouse: Warehouse, iso3: str) -> Judgements | None:
    """The country's latest saved version (approved or not); None when nobody has saved one."""
    rows = query(warehouse, "read/judgement_latest", {"iso3": iso3})
    if rows.empty:
        return None
    row = rows.iloc[0]
    return Judgements(iso3=str(row["iso3"]), key_judgements=tuple(json.loads(row["key_judgements"])),
                      what_changed=str(row["what_changed"]), approved=bool(row["approved"]),
                      approved_by=None if pd.isna(row["approved_by"]) else str(row["approved_by"]),
                      approved_at=_when(row["approved_at"]), version=int(row["version"]),
                      edited_by=str(row["edited_by"]), edited_at=_when(row["edited_at"]))


def pack_judgements(warehouse: Warehouse, iso3: str, today: date | None = None,
                    facts: Callable[[], drafting.Facts] | None = None) -> Judgements:
    """What the pack shows: the latest saved version, else the fresh draft (both marked by `label`). `facts`:
    the draft's facts from what the caller has read already (the briefing), asked for only when there is no saved
    version."""
    saved = latest_judgements(warehouse, iso3)
    if saved is not None:
        return saved
    return drafted(facts()) if facts is not None else draft_judgements(warehouse, iso3, today)


def save_judgements(warehouse: Warehouse, iso3: str, key_judgements: Iterable[str], what_changed: str, user: User,
                    approve: bool = False) -> int:
    """Save an editor's text as a new version, approved when `approve` (else a draft, even if the version before
    was approved); returns the version number. Bad input raises JudgementError and nothing is written."""
    require(user, "edit_judgements")
    if approve:
        require(user, "approve_judgements")
    sentences, changed = _checked(key_judgements, what_changed)
    return _append(warehouse, iso3, sentences, changed, user, approve)


def approve_judgements(warehouse: Warehouse, iso3: str, user: User, today: date | None = None) -> int:
    """Approve the latest saved text as it stands (the fresh draft when nothing is saved) as a new version."""
    require(user, "approve_judgements")
    shown = pack_judgements(warehouse, iso3, today)
    if shown.approved:
        raise JudgementError(f"Version {shown.version} of {iso3}'s judgements is already approved "
                             f"({shown.label.lower()}).")
    sentences, changed = _checked(shown.key_judgements, shown.what_changed)
    return _append(warehouse, iso3, sentences, changed, user, True)


def _append(warehouse: Warehouse, iso3: str, sentences: list[str], changed: str, user: User, approve: bool) -> int:
    now = datetime.now(UTC).replace(tzinfo=None)
    with warehouse.write() as connection:
        if not int(run(connection, "read/country_known", {"iso3": iso3})["known"].iloc[0]):
            raise JudgementError(f"Unknown country {iso3!r}.")
        version = int(run(connection, "read/judgement_next_version", {"iso3": iso3})["version"].iloc[0])
        run(connection, "write/judgement_add_version", {
            "iso3": iso3, "version": version, "key_judgements": json.dumps(sentences, ensure_ascii=False),
            "what_changed": changed, "approved": approve, "edited_by": user.name, "edited_at": now,
            "approved_by": user.name if approve else None, "approved_at": now if approve else None})
        audit(connection, "approve" if approve else "edit", "judgement", f"{iso3} v{version}",
              None if version == 1 else {"version": version - 1},
              {"iso3": iso3, "version": version, "approved": approve, "key_judgements": sentences,
               "what_changed": changed}, user.name)
    return version


def _checked(key_judgements: Iterable[str], what_changed: str) -> tuple[list[str], str]:
    sentences = [str(sentence).strip() for sentence in key_judgements if str(sentence).strip()]
    if not 1 <= len(sentences) <= MAX_JUDGEMENTS:
        raise JudgementError(f"Key judgements: between 1 and {MAX_JUDGEMENTS} are needed (there are "
                             f"{len(sentences)}).")
    for number, sentence in enumerate(sentences, start=1):
        if len(sentence) > MAX_SENTENCE:
            raise JudgementError(f"Key judgement {number}: at most {MAX_SENTENCE} characters (this one has "
                                 f"{len(sentence)}); shorten it.")
    changed = what_changed.strip()
    if not changed:
        raise JudgementError("What changed and why: say what changed (or that nothing did, and since when).")
    if len(changed) > MAX_CHANGED:
        raise JudgementError(f"What changed and why: at most {MAX_CHANGED} characters (this one has "
                             f"{len(changed)}); shorten it.")
    return sentences, changed


def _when(value: object) -> datetime | None:
    return None if value is None or pd.isna(value) else pd.Timestamp(value).to_pydatetime()
