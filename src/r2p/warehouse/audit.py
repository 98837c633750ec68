"""The append-only audit log: who changed what, when, and the value before and after, chained by hashes."""

from __future__ import annotations

import getpass
import hashlib
import json
import socket
from datetime import UTC, datetime

import duckdb

from r2p.warehouse.queries import run, sql

# The fields a row's hash covers, in order; with the previous row's hash they make the chain.
HASHED = ("audit_id", "logged_at", "actor", "action", "entity", "entity_id", "before", "after")
GENESIS = ""  # the "previous hash" of the first row


def audit(connection: duckdb.DuckDBPyConnection, action: str, entity: str, entity_id: str | None,
          before: dict | None, after: dict | None, who: str | None = None) -> None:
    """Append one row to the audit log, inside the caller's write (no code path updates or deletes one)."""
    next_id, rows, last_hash = connection.execute(sql("read/audit_chain_end")).fetchall()[0]
    audit_id = int(next_id)
    # NOTE: naive UTC, so the value read back (TIMESTAMP has no zone) is the value that was hashed.
    row = {"audit_id": audit_id, "logged_at": datetime.now(UTC).replace(tzinfo=None),
           "actor": who or f"{getpass.getuser()}@{socket.gethostname()}", "action": action, "entity": entity,
           "entity_id": entity_id, "before": _json(before), "after": _json(after)}
    previous = GENESIS if not rows else str(last_hash) if last_hash is not None else _legacy_chain_end(connection)
    row["row_hash"] = row_hash(previous, tuple(row[name] for name in HASHED))
    run(connection, "write/add_audit_row", row)


def row_hash(previous: str, fields: tuple) -> str:
    """sha256 of the previous row's hash and this row's fields (JSON-encoded, so every value has one spelling)."""
    text = json.dumps([previous, *(_canonical(value) for value in fields)], ensure_ascii=False)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def verify_audit_chain(connection: duckdb.DuckDBPyConnection) -> list[int]:
    """The audit ids whose stored hash does not match the chain (edited, reordered, or a row before them removed).

    Rows written before migration 005 have no hash of their own; the first hashed row seals them all.
    """
    broken: list[int] = []
    previous, sealed = GENESIS, False
    for *fields, stored in connection.execute(sql("read/audit_log")).fetchall():
        expected = row_hash(previous, tuple(fields))
        if stored is not None or sealed:
            sealed = True
            if stored != expected:
                broken.append(int(fields[0]))
        # Continue from the stored hash, so one edited row is reported once, not with every row after it.
        previous = stored if stored is not None else expected
    return broken


def _legacy_chain_end(connection: duckdb.DuckDBPyConnection) -> str:
    """The chain computed over a log whose last rows were written before hashes existed (once, after 005)."""
    previous = GENESIS
    for *fields, stored in connection.execute(sql("read/audit_log")).fetchall():
        previous = stored if stored is not None else row_hash(previous, tuple(fields))
    return previous


def _canonical(value: object) -> object:
    if isinstance(value, datetime):
        return value.isoformat()
    return value


def _json(value: dict | None) -> str | None:
    return None if value is None else json.dumps(value, default=str, sort_keys=True)
