"""A process killed mid-ingest or mid-init leaves the warehouse as it was before, or as a finished run leaves it.

`r2p ingest` runs as a subprocess on a generated long table (~145k rows) and is SIGKILLed at fractions of an
uninterrupted run's duration, plus twice at moments watched for: while the new version file is being written,
and just after the warehouse path was switched to it. After each kill the warehouse must open and hold exactly
the before-state or the after-state (timestamps aside); the next write must succeed and clear the leftovers.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import duckdb
import pytest

from r2p.ops.build import initialise
from r2p.warehouse import Warehouse
from r2p.warehouse.ingest import ingest
from tests.helpers.data import EXAMPLES, FIXED_TODAY, ROOT

YEARS = 8  # rows = countries x catalogued indicators x YEARS: ~116k, a few seconds of ingest on an idle machine
KILL_FRACTIONS = (0.02, 0.1, 0.25, 0.4, 0.55, 0.7, 0.85, 0.97)  # of an uninterrupted run's duration
POLL = 0.005
# Columns that differ between two runs of the same load: when it ran, and the audit chain hashed over that time.
VOLATILE = frozenset({"row_hash"})

pytestmark = pytest.mark.slow


def stable_contents(warehouse: Warehouse) -> dict[str, list[tuple]]:
    """Every row of every table except timestamps and VOLATILE columns (two runs of one load differ only there)."""
    with duckdb.connect(str(warehouse.current_file()), read_only=True) as connection:
        columns: dict[str, list[str]] = {}
        for table, column, kind in connection.execute(
                "SELECT table_name, column_name, data_type FROM information_schema.columns"
                " ORDER BY table_name, ordinal_position").fetchall():
            if "TIMESTAMP" not in kind and column not in VOLATILE:
                columns.setdefault(table, []).append(f'"{column}"')
        return {table: sorted(connection.execute(f'SELECT {", ".join(names)} FROM "{table}"').fetchall(), key=repr)
                for table, names in columns.items()}


def big_table(warehouse: Warehouse, path: Path) -> Path:
    """A long table of every country x catalogued indicator x YEARS years, each value mid-range."""
    with duckdb.connect(str(warehouse.current_file()), read_only=True) as connection:
        countries = [row[0] for row in connection.execute("SELECT iso3 FROM country ORDER BY 1").fetchall()]
        indicators = connection.execute("SELECT indicator_id, (valid_min + valid_max) / 2 FROM indicator"
                                        " ORDER BY 1").fetchall()
    with path.open("w", encoding="utf-8") as handle:
        handle.write("country,indicator,year,value\n")
        for iso3 in countries:
            for indicator, value in indicators:
                handle.writelines(f"{iso3},{indicator},{year},{value:g}\n" for year in range(2025 - YEARS, 2025))
    return path


def start(warehouse: Warehouse, *args: str) -> subprocess.Popen:
    environment = os.environ | {"R2P_DB": str(warehouse.path)}
    return subprocess.Popen([sys.executable, "-m", "r2p.cli", *args], env=environment, cwd=ROOT,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def copy_of(template: Warehouse, folder: Path) -> Warehouse:
    folder.mkdir()
    shutil.copyfile(template.current_file(), folder / "r2p.duckdb")
    return Warehouse(str(folder / "r2p.duckdb"))


def wait_until(process: subprocess.Popen, condition: Callable[[], bool]) -> None:
    while process.poll() is None and not condition():
        time.sleep(POLL)


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> Warehouse:
    """A warehouse without demo data (small, so the before/after comparisons stay quick)."""
    warehouse = Warehouse(str(tmp_path_factory.mktemp("kill-template") / "r2p.duckdb"))
    initialise(warehouse, want_demo=False, today=FIXED_TODAY)
    return warehouse


def assert_recovers(warehouse: Warehouse) -> None:
    """The next write succeeds and leaves only the current version behind (a killed writer's file is removed)."""
    result = ingest(warehouse, "table", EXAMPLES / "table_long.csv")
    assert result.status == "loaded", [str(p) for p in result.errors]
    assert sorted(warehouse.versions_dir.iterdir()) == [warehouse.current_file()]


def test_a_killed_ingest_leaves_the_warehouse_as_before_or_as_after(template: Warehouse, tmp_path: Path) -> None:
    table = big_table(template, tmp_path / "big.csv")
    before = stable_contents(template)
    finished = copy_of(template, tmp_path / "finished")
    began = time.monotonic()
    assert start(finished, "ingest", "table", str(table)).wait() == 0
    duration = time.monotonic() - began
    after = stable_contents(finished)
    assert after != before
    outcomes: dict[str, str] = {}
    for number, fraction in enumerate(KILL_FRACTIONS):
        warehouse = copy_of(template, tmp_path / f"kill-{number}")
        process = start(warehouse, "ingest", "table", str(table))
        time.sleep(fraction * duration)
        outcomes[f"{fraction:.0%} of {duration:.1f}s"] = _kill_and_check(process, warehouse, before, after)
    # Two kills at watched moments: while the new version is written, and just after the switch to it.
    writing = copy_of(template, tmp_path / "kill-writing")
    process = start(writing, "ingest", "table", str(table))
    wait_until(process, lambda: any(writing.versions_dir.glob("*.duckdb")))
    assert process.poll() is None, "the ingest finished before its new version file was seen"
    outcomes["while writing"] = _kill_and_check(process, writing, before, after, leftover_expected=True)
    switched = copy_of(template, tmp_path / "kill-switched")
    original = switched.current_file()
    process = start(switched, "ingest", "table", str(table))
    wait_until(process, lambda: switched.current_file() != original)
    outcomes["just after the switch"] = _kill_and_check(process, switched, before, after)
    print("kill outcomes:", outcomes)  # the counts RELIABILITY.md cites (pytest -s shows them)
    assert outcomes["while writing"] == "before" and outcomes["just after the switch"] == "after"
    assert outcomes[f"{KILL_FRACTIONS[0]:.0%} of {duration:.1f}s"] == "before"


def _kill_and_check(process: subprocess.Popen, warehouse: Warehouse, before: dict, after: dict,
                    leftover_expected: bool = False) -> str:
    """SIGKILL, then: the warehouse is the before- or the after-state, and the next write cleans up and works."""
    process.kill()
    process.wait()
    state = stable_contents(warehouse)
    assert state in (before, after), f"neither before nor after: tables {_differing(state, before, after)} differ"
    if leftover_expected:  # the killed writer's half-written version is still there, for the next write to remove
        assert [f for f in warehouse.versions_dir.glob("*.duckdb*") if f != warehouse.current_file()]
    assert_recovers(warehouse)
    return "before" if state == before else "after"


def _differing(state: dict, *others: dict) -> list[str]:
    return sorted({table for other in others for table in state if state[table] != other.get(table)})


def test_a_killed_init_leaves_no_warehouse_or_a_whole_one(tmp_path: Path) -> None:
    finished = Warehouse(str(tmp_path / "finished" / "r2p.duckdb"))
    began = time.monotonic()
    assert start(finished, "init", "--no-demo").wait() == 0
    duration = time.monotonic() - began
    complete = stable_contents(finished)
    killed = Warehouse(str(tmp_path / "killed" / "r2p.duckdb"))
    process = start(killed, "init", "--no-demo")
    wait_until(process, lambda: killed.versions_dir.is_dir() and any(killed.versions_dir.glob("*.duckdb")))
    process.kill()
    process.wait()
    print(f"init took {duration:.1f}s; killed one while writing: warehouse exists = {killed.exists()}")
    assert not killed.exists() or stable_contents(killed) == complete
    assert start(killed, "init", "--no-demo").wait() == 0
    assert stable_contents(killed) == complete
    assert sorted(killed.versions_dir.iterdir()) == [killed.current_file()]
