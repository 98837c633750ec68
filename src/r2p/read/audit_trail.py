"""The audit trail as people read it: filtered rows of the append-only log, and whether its hash chain holds."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from datetime import date

import pandas as pd

from r2p.access.rights import Role, User
from r2p.warehouse.audit import verify_audit_chain
from r2p.warehouse.queries import query
from r2p.warehouse.store import Warehouse

COLUMNS = ["audit_id", "logged_at", "actor", "action", "entity", "entity_id", "before", "after"]
READER = Role.EDITOR  # who may read the log: it names people and holds every value before and after a change
MAX_ROWS = 100_000  # the page and the CLI show at most this many (newest first); the log itself is never cut


@dataclass(frozen=True)
class AuditFilter:
    """What to show; None (or empty) means "any". `since`/`until` are whole days, both included."""

    since: date | None = None
    until: date | None = None
    who: str | None = None
    action: str | None = None
    entity: str | None = None
    entity_id: str | None = None
    text: str | None = None

    def params(self, limit: int = MAX_ROWS) -> dict[str, object]:
        cleaned = {key: (value.strip() or None) if isinstance(value, str) else value
                   for key, value in asdict(self).items()}
        return cleaned | {"limit": limit}

    def described(self) -> dict[str, str]:
        """The filters in force, for an export's About sheet."""
        return {key: str(value) for key, value in self.params().items() if value is not None and key != "limit"}


def may_read(user: User) -> bool:
    return user.role >= READER


def audit_entries(warehouse: Warehouse, chosen: AuditFilter = AuditFilter(), limit: int = MAX_ROWS) -> pd.DataFrame:
    """Audit rows matching the filter, newest first: audit_id, logged_at (UTC), actor, action, entity, entity_id,
    before, after (JSON text)."""
    if chosen.since and chosen.until and chosen.since > chosen.until:
        raise ValueError(f"The start date {chosen.since} is after the end date {chosen.until}.")
    return query(warehouse, "read/audit_entries", chosen.params(limit))[COLUMNS]


def audit_facets(warehouse: Warehouse) -> dict[str, list[str]]:
    """Every actor ("who"), action and entity the log holds, sorted: the choices a filter offers."""
    facets = query(warehouse, "read/audit_facets")
    return {facet: sorted(facets.loc[facets["facet"] == facet, "value"].astype(str)) for facet in
            ("who", "action", "entity")}


def broken_rows(warehouse: Warehouse) -> list[int]:
    """Audit ids whose hash does not fit the chain; empty when the log is intact."""
    cursor = warehouse.reader().cursor()
    try:
        return verify_audit_chain(cursor)
    finally:
        cursor.close()


def audit_row_count(warehouse: Warehouse) -> int:
    return int(query(warehouse, "read/audit_row_count")["rows"].iloc[0])


def chain_status(broken: list[int], rows: int) -> str:
    """One line saying whether the log verifies."""
    if not broken:
        return f"Audit chain verified: {rows} row(s), none altered or removed."
    listed = ", ".join(f"#{number}" for number in broken[:20]) + (" …" if len(broken) > 20 else "")
    return f"Audit chain BROKEN: {len(broken)} of {rows} row(s) do not match their hash ({listed})."
