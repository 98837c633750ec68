"""Keep the warehouse's source and indicator tables in step with the catalog shipped with this version."""

from __future__ import annotations

import duckdb
import pandas as pd

from r2p import catalog


def shipped_ranges() -> pd.DataFrame:
    """indicator_id, unit, valid_min, valid_max of every catalogued indicator (for validating an ingest)."""
    frame = catalog.indicators_frame().rename(columns={"id": "indicator_id"})
    return frame[["indicator_id", "unit", "valid_min", "valid_max"]]


def sync_catalog(connection: duckdb.DuckDBPyConnection) -> None:
    """Upsert every shipped source and indicator (inside the caller's write); user-defined ones are kept."""
    connection.register("shipped_source", pd.DataFrame([s.model_dump() for s in catalog.sources()]))
    connection.execute("INSERT OR REPLACE INTO source SELECT id, name, publisher, url, license, citation, demo"
                       " FROM shipped_source")
    connection.register("shipped_indicator", catalog.indicators_frame())
    connection.execute("INSERT OR REPLACE INTO indicator SELECT id, name, unit, higher_is_worse,"
                       " risk_factors::INTEGER[], source, valid_min, valid_max, description FROM shipped_indicator")
    connection.unregister("shipped_source")
    connection.unregister("shipped_indicator")
