"""Test warehouses: built once per session (demo or empty), copied for each test that writes, compared whole."""

from __future__ import annotations

import shutil
from pathlib import Path

import duckdb

from r2p.ops.build import initialise
from r2p.warehouse import Warehouse
from r2p.warehouse.migrate import migrate
from tests.helpers.data import FIXED_TODAY


def build(path: Path, demo: bool) -> Path:
    """A new warehouse at `path`, with or without the demo data, as of FIXED_TODAY."""
    initialise(Warehouse(str(path)), want_demo=demo, today=FIXED_TODAY)
    return path


def copy_of(template: Path, path: Path) -> Warehouse:
    """A private copy of a built warehouse (its current version: copyfile follows the symlink)."""
    shutil.copyfile(template, path)
    return Warehouse(str(path))


def contents(path: Path) -> dict[str, list[tuple]]:
    """Every row of every table, sorted: two warehouses are the same when these are equal."""
    with duckdb.connect(str(path), read_only=True) as connection:
        tables = [r[0] for r in connection.execute(
            "SELECT table_name FROM information_schema.tables WHERE table_type = 'BASE TABLE'"
            " ORDER BY table_name").fetchall()]  # views (migration 006) hold no rows of their own
        return {t: sorted(connection.execute(f'SELECT * FROM "{t}"').fetchall(), key=repr) for t in tables}


def old_warehouse(path: Path, version: int, source_id: str, kind: str, file_name: str,
                  observation: tuple[str, str, int, float]) -> Path:
    """A warehouse as an older R2P Watch left it: schema `version`, one load of `file_name` holding one value."""
    with duckdb.connect(str(path)) as connection:
        migrate(connection, target=version)
        connection.execute("INSERT INTO source VALUES ($s, $s, '', '', '', '', false)", {"s": source_id})
        connection.execute("INSERT INTO ingest (source_id, kind, file_name, sha256, rows_read, rows_loaded,"
                           " rows_rejected, started_at, finished_at, status) VALUES ($s, $k, $f, 'abc', 1, 1, 0,"
                           " now(), now(), 'loaded')", {"s": source_id, "k": kind, "f": file_name})
        connection.execute("INSERT INTO observation VALUES ($1, $2, $3, $4, 1)", list(observation))
    return path
