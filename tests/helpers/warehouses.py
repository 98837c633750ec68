"""Test warehouses: built once per session (demo or empty), copied for each test that writes, compared whole."""

from __future__ import annotations

import shutil
from pathlib import Path

import duckdb

from r2p.ops.build import initialise
from r2p.warehouse import Warehouse
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
