"""Keep the warehouse's source and indicator tables in step with the catalog shipped with this version."""

from __future__ import annotations

import duckdb
import pandas as pd

from r2p import catalog
from r2p.warehouse.queries import run, staged


def shipped_ranges() -> pd.DataFrame:
    """indicator_id, unit, valid_min, valid_max of every catalogued indicator (for validating an ingest)."""
    frame = catalog.indicators_frame().rename(columns={"id": "indicator_id"})
    return frame[["indicator_id", "unit", "valid_min", "valid_max"]]


def sync_catalog(connection: duckdb.DuckDBPyConnection) -> None:
    """Upsert every shipped source and indicator (inside the caller's write); user-defined ones are kept."""
    upsert_sources(connection, pd.DataFrame([s.model_dump() for s in catalog.sources()]))
    upsert_indicators(connection, catalog.indicators_frame())


def upsert_sources(connection: duckdb.DuckDBPyConnection, sources: pd.DataFrame) -> None:
    """Insert or replace sources given with the catalog's field names (id, name, publisher, ... demo)."""
    with staged(connection, staged_source=sources):
        run(connection, "write/upsert_sources")


def upsert_indicators(connection: duckdb.DuckDBPyConnection, indicators: pd.DataFrame) -> None:
    """Insert or replace indicators given with the catalog's field names (id, name, unit, ... description)."""
    with staged(connection, staged_indicator=indicators):
        run(connection, "write/upsert_indicators")
