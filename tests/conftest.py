"""Shared fixtures: a demo warehouse built once per session and copied for each test that writes."""

from __future__ import annotations

import os
import shutil
from datetime import date
from pathlib import Path

import duckdb
import pytest

from r2p.ops.build import initialise
from r2p.warehouse import Warehouse

ROOT = Path(__file__).resolve().parents[1]
SHARED_DATA = ROOT.parent / "shared" / "data"
EXAMPLES = ROOT / "data" / "examples"
FIXED_TODAY = date(2026, 11, 23)  # the demo spans 1990..last year; fix it so tests do not drift


def pytest_configure(config: pytest.Config) -> None:
    # Tests must never touch the user's warehouse under data/.
    os.environ["R2P_DB"] = str(Path(config.rootpath) / "test-artifacts" / "never-used.duckdb")


def require_shared(path_relative_to_shared_data: str) -> Path:
    """Path of a file under ../shared/data; skip the test if it is absent, but fail when CI=true.

    CI runs in a fresh clone with shared/ beside it, so a missing file there is a real error and must
    not quietly turn into a skipped test.
    """
    path = SHARED_DATA / path_relative_to_shared_data
    if path.exists():
        return path
    reason = f"shared data file not found: {path}"
    if os.environ.get("CI") == "true":
        pytest.fail(f"{reason} (CI=true: shared data must be present)")
    pytest.skip(reason)


@pytest.fixture(scope="session")
def template_warehouse(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("template") / "r2p.duckdb"
    initialise(Warehouse(str(path)), want_demo=True, today=FIXED_TODAY)
    return path


@pytest.fixture
def warehouse(template_warehouse: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Warehouse:
    """A private copy of the demo warehouse, set as R2P_DB for the test."""
    path = tmp_path / "r2p.duckdb"
    shutil.copyfile(template_warehouse, path)
    monkeypatch.setenv("R2P_DB", str(path))
    return Warehouse(str(path))


def contents(path: Path) -> dict[str, list[tuple]]:
    """Every row of every table, sorted: two warehouses are the same when these are equal."""
    with duckdb.connect(str(path), read_only=True) as connection:
        tables = [r[0] for r in connection.execute(
            "SELECT table_name FROM information_schema.tables ORDER BY table_name").fetchall()]
        return {t: sorted(connection.execute(f'SELECT * FROM "{t}"').fetchall(), key=repr) for t in tables}
