"""Events read from Parquet files (R2P_EVENTS_PARQUET) instead of the warehouse's `event` table."""

from __future__ import annotations

import glob
import os
from pathlib import Path

import duckdb

from r2p.config import setting
from r2p.warehouse.errors import WarehouseError
from r2p.warehouse.queries import run

# Locations DuckDB reads through its httpfs (or azure) extension rather than the local file system.
OBJECT_STORAGE = ("s3://", "s3a://", "s3n://", "gs://", "gcs://", "r2://", "az://", "azure://", "abfss://",
                  "http://", "https://", "hf://")
# Export partitioning: the allow-list of what a directory level may be named after, and the export for each.
PARTITIONS = {"year": "ops/export_events_by_year", "iso3": "ops/export_events_by_iso3",
              "source_id": "ops/export_events_by_source_id"}


def events_parquet() -> str:
    """The R2P_EVENTS_PARQUET setting: empty when events live in the warehouse's `event` table."""
    return setting("events_parquet").strip()


def is_object_storage(source: str) -> bool:
    return source.lower().startswith(OBJECT_STORAGE)


def parquet_pattern(source: str) -> str:
    """What read_parquet gets: a local directory means every Parquet file below it (hive-partitioned or not)."""
    if is_object_storage(source):
        return source
    path = os.path.abspath(os.path.expanduser(source))
    return os.path.join(path, "**", "*.parquet") if os.path.isdir(path) else path


def source_token(source: str) -> str:
    """Changes when local Parquet files change (their names, sizes, times); object storage: the setting only."""
    if not source:
        return ""
    if is_object_storage(source):
        return f"events={source}"
    files = sorted(glob.glob(parquet_pattern(source), recursive=True))
    stats = [os.stat(name) for name in files]
    newest = max((stat.st_mtime_ns for stat in stats), default=0)
    return f"events={source}:{len(files)}:{sum(stat.st_size for stat in stats)}:{newest}"


def open_reader(database: str, read_only: bool, source: str) -> duckdb.DuckDBPyConnection:
    """An in-memory DuckDB where `event` reads the Parquet and every other name is the warehouse's table.

    NOTE: a TEMP VIEW would shadow `event` on the warehouse connection itself, but temporary objects belong
    to one connection and every query runs on a fresh `.cursor()`; views in an in-memory catalog are seen
    by all of its cursors, so the warehouse is ATTACHed under it and each of its tables gets a view.
    """
    connection = duckdb.connect(":memory:")
    try:
        run(connection, "ops/attach_warehouse_read_only" if read_only else "ops/attach_warehouse",
            {"database": database})
        _view_warehouse_tables(connection)
        run(connection, "ops/view_parquet_events", spliced={"pattern": parquet_pattern(source)})
    except duckdb.Error as error:
        connection.close()
        raise WarehouseError(explain(source, error)) from error
    return connection


def _view_warehouse_tables(connection: duckdb.DuckDBPyConnection) -> None:
    """A view `main.<name>` for each warehouse table and view but `event` (names come from DuckDB's catalog)."""
    for name in run(connection, "read/attached_warehouse_relations")["name"]:
        if name != "event":
            run(connection, "ops/view_warehouse_relation", spliced={"name": name})


def explain(source: str, error: Exception) -> str:
    """The message for events that cannot be read: the extension to install, or DuckDB's own first line."""
    text = str(error).strip().splitlines()[0] if str(error).strip() else type(error).__name__
    if is_object_storage(source) and "httpfs" in str(error) and "install" in str(error).lower():
        return (f"R2P_EVENTS_PARQUET={source} is on object storage, which DuckDB reads with its httpfs extension,"
                " and httpfs is not installed here. On a machine that is online run `INSTALL httpfs` once (or,"
                " offline, `INSTALL '/path/to/httpfs.duckdb_extension'` from a copied file); see README, Beyond"
                " one machine.")
    return f"Cannot read the events in R2P_EVENTS_PARQUET={source}: {text}"


def refusal(source: str) -> str:
    """Why an ingest with events is refused while events are read from Parquet."""
    return f"events are read from Parquet at {source}; ingest them there or unset R2P_EVENTS_PARQUET"


def export_events(connection: duckdb.DuckDBPyConnection, directory: Path, partition_by: str) -> int:
    """Write every event to hive-partitioned Parquet files under `directory`; returns how many were written."""
    if partition_by not in PARTITIONS:
        raise WarehouseError(f"Cannot partition events by {partition_by!r}; choose one of: {', '.join(PARTITIONS)}.")
    if directory.exists() and any(directory.iterdir()):
        raise WarehouseError(f"{directory} is not empty; export events into a new or empty directory.")
    count = int(run(connection, "read/event_count")["events"].iloc[0])
    directory.mkdir(parents=True, exist_ok=True)
    run(connection, PARTITIONS[partition_by], {"directory": str(directory)})
    return count
