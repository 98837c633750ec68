"""What the warehouse holds: schema version and, per source, rows, as-of date and last load."""

from __future__ import annotations

from typing import Any

from r2p.warehouse.migrate import schema_version
from r2p.warehouse.parquet_events import events_parquet
from r2p.warehouse.queries import run
from r2p.warehouse.store import Warehouse


def warehouse_status(warehouse: Warehouse) -> dict[str, Any]:
    """A summary for `r2p status` and the sidebar."""
    cursor = warehouse.reader().cursor()
    try:
        sources = run(cursor, "read/source_status").to_dict("records")
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
