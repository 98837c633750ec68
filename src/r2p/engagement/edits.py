"""Editors add, end and correct engagements: every change checked, given a reason, written and audited at once."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date

import duckdb
import pandas as pd

from r2p.access.rights import User, require
from r2p.engagement.checks import registry_problems
from r2p.engagement.csvio import csv_frame, write_rows
from r2p.engagement.registry import Registry, normalise
from r2p.engagement.seed import SEED_RANGE
from r2p.engagement.validation import CSV_COLUMNS, FILES, parse_record
from r2p.warehouse.ingest.result import Problem
from r2p.warehouse.queries import run
from r2p.warehouse.store import Warehouse

FORM = "engagement form"
MIN_REASON = 5


class EditRefused(Exception):
    """The edit was not written; `problems` says why."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        super().__init__("; ".join(f"{p.column + ': ' if p.column else ''}{p.message}" for p in problems))


def engagement_record(registry: Registry, engagement_id: int) -> dict[str, str]:
    """One engagement as text cells (partial dates kept), for prefilling a correction form."""
    row = registry.engagements[registry.engagements["engagement_id"] == engagement_id]
    if row.empty:
        raise EditRefused([Problem(FORM, "is not an engagement", None, "engagement_id", str(engagement_id))])
    return csv_frame(row, "engagements").iloc[0].to_dict()


def add_engagement(warehouse: Warehouse, fields: Mapping[str, object], reason: str, user: User) -> int:
    """Record a new engagement; returns its id. Refused (PermissionDenied) before any write unless an editor."""
    require(user, "engagement")
    with warehouse.write() as connection:
        new_id = int(run(connection, "read/next_engagement_id", {"seed_range": SEED_RANGE}).iloc[0, 0])
        _write(connection, dict(fields) | {"engagement_id": new_id}, reason, user.name, "add")
    return new_id


def end_engagement(warehouse: Warehouse, engagement_id: int, ended: date, reason: str, user: User) -> None:
    """Give an engagement its end date (the last day it was active)."""
    correct_engagement(warehouse, engagement_id, {"ended": ended.isoformat()}, reason, user, action="end")


def correct_engagement(warehouse: Warehouse, engagement_id: int, changes: Mapping[str, object], reason: str,
                       user: User, action: str = "correct") -> None:
    """Change some fields of an engagement (text cells as in engagements.csv); editors only, like adding."""
    require(user, "engagement")
    with warehouse.write() as connection:
        current = engagement_record(_registry(connection), engagement_id)
        _write(connection, current | {k: ("" if v is None else str(v)) for k, v in changes.items()}, reason,
               user.name, action)


def _write(connection: duckdb.DuckDBPyConnection, record: Mapping[str, object], reason: str, who: str,
           action: str) -> None:
    problems = _reason_problems(reason)
    existing = _registry(connection)
    row, found = parse_record({k: record.get(k, "") for k in CSV_COLUMNS["engagements"]}, "engagements", FORM, ())
    frame = normalise(pd.DataFrame([row]), "engagements").assign(_row=None)
    problems += found + registry_problems({"engagements": frame}, existing, {**FILES, "engagements": FORM})
    if problems:
        raise EditRefused(problems)
    write_rows(connection, "engagements", frame.drop(columns="_row"), existing, who, reason.strip(), action)


def _reason_problems(reason: str) -> list[Problem]:
    if len((reason or "").strip()) < MIN_REASON:
        return [Problem(FORM, f"is required (at least {MIN_REASON} characters)", None, "reason", reason)]
    return []


def _registry(connection: duckdb.DuckDBPyConnection) -> Registry:
    return Registry.from_frames(run(connection, "read/actors"), run(connection, "read/situations"),
                                run(connection, "read/engagements"))
