"""Run the named queries in r2p/warehouse/sql: one query per file, values always bound as parameters."""

from __future__ import annotations

from functools import cache
from importlib import resources
from typing import TYPE_CHECKING, Any

import duckdb
import pandas as pd

if TYPE_CHECKING:  # store needs `sql` at import time (remote version tokens), so no import back at run time
    from r2p.warehouse.store import Warehouse


@cache
def sql(name: str) -> str:
    """The text of `sql/<name>.sql`."""
    entry = resources.files("r2p.warehouse").joinpath("sql", f"{name}.sql")
    if not entry.is_file():
        raise KeyError(f"no query named {name!r} in r2p/warehouse/sql")
    return entry.read_text(encoding="utf-8")


def run(connection: duckdb.DuckDBPyConnection, name: str, params: dict[str, Any] | None = None) -> pd.DataFrame:
    """Run a named query on a connection (a writer's, or a cursor) and return its rows."""
    return connection.execute(sql(name), params or {}).df()


def query(warehouse: Warehouse, name: str, params: dict[str, Any] | None = None) -> pd.DataFrame:
    """Run a named query against the warehouse's current version on a fresh cursor."""
    cursor = warehouse.reader().cursor()
    try:
        return run(cursor, name, params)
    finally:
        cursor.close()
