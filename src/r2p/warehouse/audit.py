"""The append-only audit log: who changed what, when, and the value before and after."""

from __future__ import annotations

import getpass
import json
import socket
from datetime import UTC, datetime

import duckdb


def audit(connection: duckdb.DuckDBPyConnection, action: str, entity: str, entity_id: str | None,
          before: dict | None, after: dict | None, who: str | None = None) -> None:
    """Append one row to the audit log, inside the caller's write (no code path updates or deletes one)."""
    connection.execute(
        "INSERT INTO audit_log (logged_at, actor, action, entity, entity_id, before, after)"
        " VALUES ($at, $who, $action, $entity, $id, $before, $after)",
        {"at": datetime.now(UTC), "who": who or f"{getpass.getuser()}@{socket.gethostname()}", "action": action,
         "entity": entity, "id": entity_id, "before": _json(before), "after": _json(after)},
    )


def _json(value: dict | None) -> str | None:
    return None if value is None else json.dumps(value, default=str, sort_keys=True)


