"""Shared by the importer tests: reading back what a load left, and refusing without a trace."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pandas as pd

from r2p.warehouse import Warehouse
from r2p.warehouse.ingest import ingest
from r2p.warehouse.queries import query


def values_of(warehouse: Warehouse, indicator: str, period: int) -> dict[str, float]:
    """iso3 → value of one indicator in one year."""
    frame = query(warehouse, "read/indicator_values", {"indicator_id": indicator, "period": period})
    return dict(zip(frame["iso3"], frame["value"], strict=True))


def rejects_of(warehouse: Warehouse, ingest_id: int | None) -> pd.DataFrame:
    """The rows one load left out, with their reasons."""
    with duckdb.connect(str(warehouse.current_file()), read_only=True) as connection:
        return connection.execute("SELECT row_number, column_name, value, message FROM ingest_reject"
                                  " WHERE ingest_id = $id ORDER BY row_number", {"id": ingest_id}).df()


def sql_rows(warehouse: Warehouse, sql: str) -> list[tuple]:
    with duckdb.connect(str(warehouse.current_file()), read_only=True) as connection:
        return connection.execute(sql).fetchall()


def refusal(warehouse: Warehouse, source: str, path: Path) -> list[str]:
    """Ingest a file that must be refused; the warehouse must be byte-identical afterwards."""
    before = warehouse.path.read_bytes()
    result = ingest(warehouse, source, path)
    assert result.status == "refused" and result.rows_loaded == 0
    assert warehouse.path.read_bytes() == before
    return [str(problem) for problem in result.errors]
