"""Warehouses that are not a local file: MotherDuck (`md:NAME`) and the in-process stand-in (`:memory:NAME`)."""

from __future__ import annotations

import os
import threading

import duckdb

from r2p.warehouse.errors import WarehouseError
from r2p.warehouse.queries import sql

# NOTE: `:memory:NAME` is a named in-memory database that every connection of this process shares. It is
# the stand-in tests use for a server-side database such as MotherDuck: not a file, so no file-version
# token and no copy-on-write; writers run plain transactions and readers must ask the data what changed.
REMOTE_PREFIXES = ("md:", "motherduck:", ":memory:")
MOTHERDUCK_PREFIXES = ("md:", "motherduck:")
TOKEN_VARIABLES = ("motherduck_token", "MOTHERDUCK_TOKEN")
_connections: dict[str, duckdb.DuckDBPyConnection] = {}
_writes: dict[str, int] = {}  # writes this process committed, per location
_lock = threading.Lock()


def is_remote(location: str) -> bool:
    return location.startswith(REMOTE_PREFIXES)


def label(location: str) -> str:
    """The location as shown to people: an `md:` string may carry `?motherduck_token=…`, which is cut off."""
    return location.split("?", 1)[0]


def connection(location: str) -> duckdb.DuckDBPyConnection:
    """The process-wide connection to a remote database; take a `.cursor()` per query or transaction."""
    with _lock:
        if location not in _connections:
            _connections[location] = _connect(location)
        return _connections[location]


def version_token(location: str) -> str:
    """Changes after any write, from this process (counted) or elsewhere (read from the warehouse itself)."""
    cursor = connection(location).cursor()
    try:
        changes = cursor.execute(sql("read/warehouse_changes")).fetchall()[0]
    except duckdb.CatalogException:
        changes = ("uninitialised",)  # no schema yet: `r2p init` (or the first page view) builds it
    finally:
        cursor.close()
    return f"remote-{_writes.get(location, 0)}-" + "-".join(str(part) for part in changes)


def attachable(location: str) -> str:
    """The location, if another DuckDB can ATTACH it (MotherDuck can; the in-process stand-in cannot)."""
    if not location.startswith(MOTHERDUCK_PREFIXES):
        raise WarehouseError(f"R2P_EVENTS_PARQUET needs a warehouse DuckDB can attach (a file or an md: database);"
                             f" {label(location)} is an in-process database. Unset R2P_EVENTS_PARQUET.")
    return location


def wrote(location: str) -> None:
    """Record a committed write, so this process's caches move on even for a write the data does not show."""
    with _lock:
        _writes[location] = _writes.get(location, 0) + 1


def _connect(location: str) -> duckdb.DuckDBPyConnection:
    try:
        return duckdb.connect(location)
    except duckdb.Error as error:
        raise WarehouseError(_explain(location, error)) from error


def _explain(location: str, error: duckdb.Error) -> str:
    first_line = (str(error).strip().splitlines() or [type(error).__name__])[0]
    if not location.startswith(MOTHERDUCK_PREFIXES):
        return f"Cannot open the warehouse {label(location)}: {first_line}"
    missing = []
    if not _motherduck_installed():
        missing.append("DuckDB's motherduck extension is not installed (run `INSTALL motherduck` once on a machine"
                       " that is online, with the same DuckDB version)")
    if not _has_token(location):
        missing.append("no MotherDuck token is set (export motherduck_token=… with a token from the MotherDuck"
                       " settings page)")
    needs = "; ".join(missing) or "MotherDuck could not be reached or refused the connection"
    return (f"Cannot open the MotherDuck warehouse {label(location)}: {needs}. Set R2P_DB to a file path to work"
            f" offline; see README, Beyond one machine. (DuckDB said: {first_line})")


def _motherduck_installed() -> bool:
    with duckdb.connect(":memory:") as probe:
        rows = probe.execute(sql("read/motherduck_installed"))
        return any(installed for (installed,) in rows.fetchall())


def _has_token(location: str) -> bool:
    return "motherduck_token=" in location or any(os.environ.get(name) for name in TOKEN_VARIABLES)
