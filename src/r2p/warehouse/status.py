"""What the warehouse holds: schema version and, per source, rows, as-of date and last load."""

from __future__ import annotations

from typing import Any

import pandas as pd

from r2p.warehouse.migrate import schema_version
from r2p.warehouse.parquet_events import events_parquet
from r2p.warehouse.queries import run
from r2p.warehouse.store import Warehouse


def warehouse_status(warehouse: Warehouse) -> dict[str, Any]:
    """A summary for `r2p status` and the sidebar."""
    cursor = warehouse.reader().cursor()
    try:
        sources = [{**row, "as_of": _day(row["as_of"]), "last_load": _moment(row["last_load"])}
                   for row in run(cursor, "read/source_status").to_dict("records")]
        held = run(cursor, "read/source_releases")
        for row in sources:  # each source's releases, newest first; vintages beside the release in force
            mine = held[held["source_id"] == row["source_id"]].drop(columns="source_id")
            row["releases"] = mine.astype(object).where(mine.notna(), None).to_dict("records")
        return {
            "location": warehouse.label,
            "schema_version": schema_version(cursor),
            "events_parquet": events_parquet() or None,  # where events are read from, when not the warehouse
            "sources": sources,
        }
    finally:
        cursor.close()


def _day(value: object) -> str | None:
    """The data's as-of date as YYYY-MM-DD; None where the source states none (never 'NaT')."""
    return None if pd.isna(value) else pd.Timestamp(value).date().isoformat()


def _moment(value: object) -> str | None:
    """When a load finished (stored in UTC), to the second: 2026-12-06T04:45:21."""
    return None if pd.isna(value) else pd.Timestamp(value).isoformat(timespec="seconds")
