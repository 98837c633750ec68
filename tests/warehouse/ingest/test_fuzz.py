"""Fuzzing every importer: damaged files are refused with located problems or load whole, never half.

Two layers so CI stays quick: each source's `read` (plus the framework's checks) on READ_EXAMPLES damaged files,
then the full `ingest` into a private warehouse on INGEST_EXAMPLES, comparing every table before and after.
Hypothesis runs derandomized with no example database, so CI sees the same inputs every time.
"""

from __future__ import annotations

import functools
import shutil
import tempfile
from dataclasses import replace
from pathlib import Path

import duckdb
import numpy as np
import pandas as pd
import pytest
from hypothesis import HealthCheck, Phase, event, given, settings
from hypothesis import strategies as st

from r2p.access.rights import command_line_user
from r2p.engagement.csvio import export_registry, import_registry, read_directory
from r2p.engagement.registry import load_registry
from r2p.engagement.validation import FILES, validate_files
from r2p.ops.build import initialise
from r2p.warehouse import Warehouse
from r2p.warehouse.catalog_sync import shipped_ranges
from r2p.warehouse.ingest import SOURCE_NAMES, ingest, source_module
from r2p.warehouse.ingest.framework import _check_staged
from r2p.warehouse.ingest.result import IngestRefused, Problem, Staged
from r2p.warehouse.ingest.validate import FIRST_YEAR, Reference
from r2p.warehouse.queries import query
from tests.helpers.data import FIXED_TODAY
from tests.helpers.mutations import (
    Seed,
    all_seeds,
    byte_mutations,
    csv_bytes,
    engagement_seed,
    mutate_bytes,
    mutate_rows,
    row_mutations,
    write_input,
)
from tests.helpers.warehouses import contents

# NOTE: ~1 minute of Hypothesis per run: `make test` runs it, `make test-fast` keeps only test_fuzz_regressions.py.
pytestmark = pytest.mark.slow
READ_EXAMPLES = 150  # per source, fast layer (read + checks)
INGEST_EXAMPLES = 25  # per source, slow layer (full ingest into a warehouse)
SEEDS = all_seeds()
ALL_SEEDS = [seed for seeds in SEEDS.values() for seed in seeds]
# No shrinking: a 1 MB cell shrinks for minutes; the failing example is printed as generated.
FUZZ = settings(deadline=None, derandomize=True, database=None, print_blob=True,
                phases=[Phase.explicit, Phase.generate],
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
# (which seed, is it another source's file, row mutations, byte mutation)
inputs = st.tuples(st.integers(0, 1 << 16), st.integers(0, 9), st.lists(row_mutations, max_size=3), byte_mutations)


@pytest.fixture(scope="module")
def plain_warehouse(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A warehouse without demo data: small, so comparing all of it before and after each ingest is quick."""
    path = tmp_path_factory.mktemp("fuzz") / "r2p.duckdb"
    initialise(Warehouse(str(path)), want_demo=False, today=FIXED_TODAY)
    return path


@functools.cache
def reference_of(plain_warehouse: Path) -> Reference:
    """What the framework hands importers (loaded once: it is the same for every example)."""
    cursor = Warehouse(str(plain_warehouse)).reader().cursor()
    try:
        return Reference.load(cursor).with_indicators(shipped_ranges())
    finally:
        cursor.close()


@pytest.fixture(scope="module")
def registry_seed(plain_warehouse: Path, tmp_path_factory: pytest.TempPathFactory) -> dict[str, list[list[str]]]:
    folder = tmp_path_factory.mktemp("registry")
    export_registry(Warehouse(str(plain_warehouse)), folder)
    return engagement_seed(folder)


def pick(source: str, choice: tuple) -> Seed:
    which, foreign, _, _ = choice
    pool = ALL_SEEDS if foreign == 0 or not SEEDS[source] else SEEDS[source]
    return pool[which % len(pool)]


def assert_located(problems: list[Problem], *names: str) -> None:
    """A refusal lists at least one problem, and every problem names one of the input files."""
    assert problems, "a refusal must say why"
    for problem in problems:
        assert any(name in problem.file for name in names), f"{problem} does not name {names}"
        assert str(problem).strip()


def assert_stageable(staged: Staged, reference: Reference) -> None:
    """What passed the framework's checks is loadable: known countries, real years, finite values."""
    assert staged.rows_read >= 0
    if staged.observations is not None and not staged.observations.empty:
        frame = staged.observations
        assert frame["iso3"].isin(reference.country_names.keys()).all()
        assert frame["period"].notna().all() and (frame["period"] >= FIRST_YEAR).all()
        assert np.isfinite(frame["value"].astype("float64")).all()
    if staged.events is not None and not staged.events.empty:
        assert pd.to_datetime(staged.events["event_date"], errors="coerce").notna().all()
        assert staged.events["event_id"].is_unique


def check_read(source: str, path: Path, reference: Reference) -> None:
    """Only IngestRefused may escape a read; anything else must pass the framework's checks and be loadable."""
    try:
        staged = source_module(source).read(path, reference)
        if staged.stage is None:
            _check_staged(staged, reference, path.name)
        else:  # rows checked and staged in DuckDB, as a load does inside its write
            with duckdb.connect() as connection:
                staged = staged.stage(connection)
                _check_staged(staged, reference, path.name)
                staged = replace(staged, events=connection.execute(
                    "SELECT event_id, event_date FROM ingest_event").df())
    except IngestRefused as refused:
        assert_located(refused.problems, path.stem)
        event("refused")  # outcome counts: pytest --hypothesis-show-statistics
        return
    assert_stageable(staged, reference)
    event("staged")


def counts_of(warehouse: Warehouse, ingest_id: int | None) -> tuple[int, int]:
    """(observations + events, rejects) the warehouse holds for one ingest."""
    with duckdb.connect(str(warehouse.current_file()), read_only=True) as connection:
        return connection.execute(
            "SELECT (SELECT count(*) FROM observation WHERE ingest_id = $id) + (SELECT count(*) FROM event"
            " WHERE ingest_id = $id), (SELECT count(*) FROM ingest_reject WHERE ingest_id = $id)", {"id": ingest_id}
        ).fetchall()[0]


def check_ingest(warehouse: Warehouse, source: str, path: Path) -> str:
    """The whole ingest: refused leaves every table as it was; loaded counts match what the warehouse holds."""
    before = contents(warehouse.path)
    result = ingest(warehouse, source, path)
    if result.status == "refused":
        assert_located(result.errors, path.stem)
        assert result.rows_loaded == 0 and contents(warehouse.path) == before
    elif result.status == "loaded":
        assert counts_of(warehouse, result.ingest_id) == (result.rows_loaded, result.rows_rejected)
    else:
        assert result.status == "unchanged" and contents(warehouse.path) == before
    return result.status


@pytest.mark.parametrize("source", SOURCE_NAMES)
@settings(FUZZ, max_examples=READ_EXAMPLES)
@given(choice=inputs)
def test_reading_a_damaged_file_refuses_it_or_stages_loadable_rows(source: str, choice: tuple,
                                                                   plain_warehouse: Path) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = write_input(pick(source, choice), choice[2], choice[3], Path(folder))
        check_read(source, path, reference_of(plain_warehouse))


@pytest.mark.slow
@pytest.mark.parametrize("source", SOURCE_NAMES)
@settings(FUZZ, max_examples=INGEST_EXAMPLES)
@given(choice=inputs)
def test_ingesting_a_damaged_file_loads_it_whole_or_changes_nothing(source: str, choice: tuple,
                                                                    plain_warehouse: Path) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = write_input(pick(source, choice), choice[2], choice[3], Path(folder))
        event(check_ingest(private_copy(plain_warehouse, Path(folder)), source, path))


def private_copy(plain_warehouse: Path, folder: Path) -> Warehouse:
    """A fresh copy per example, so an earlier accepted file cannot make a later one a redefinition."""
    path = folder / "warehouse" / "r2p.duckdb"
    path.parent.mkdir()
    shutil.copyfile(plain_warehouse, path)
    return Warehouse(str(path))


def write_registry(seed: dict[str, list[list[str]]], choice: tuple, folder: Path) -> Path:
    """The exported registry files with one of them damaged (or replaced by another source's file)."""
    which, foreign, rows, damage = choice
    folder.mkdir(exist_ok=True)
    for name, content in seed.items():
        (folder / name).write_bytes(csv_bytes(content))
    target = folder / sorted(seed)[which % len(seed)]
    if foreign == 0:
        other = ALL_SEEDS[which % len(ALL_SEEDS)]
        data = csv_bytes(mutate_rows(other.sheets.get("data", [["geo"]]), rows))
    else:
        data = csv_bytes(mutate_rows(seed[target.name], rows))
    target.write_bytes(mutate_bytes(data, damage, True))
    return folder


@settings(FUZZ, max_examples=READ_EXAMPLES)
@given(choice=inputs)
def test_reading_damaged_registry_files_refuses_them_or_validates(choice: tuple, registry_seed: dict,
                                                                  plain_warehouse: Path) -> None:
    warehouse = Warehouse(str(plain_warehouse))
    with tempfile.TemporaryDirectory() as folder:
        directory = write_registry(registry_seed, choice, Path(folder))
        try:
            raw = read_directory(directory)
        except IngestRefused as refused:
            assert_located(refused.problems, *FILES.values())
            event("refused while reading")
            return
        _, problems = validate_files(raw, load_registry(warehouse), set(query(warehouse, "read/country_names")["iso3"]))
        event("refused by validation" if problems else "valid")
        for problem in problems:
            assert any(name in problem.file for name in FILES.values()), str(problem)


@pytest.mark.slow
@settings(FUZZ, max_examples=INGEST_EXAMPLES)
@given(choice=inputs)
def test_importing_damaged_registry_files_loads_them_whole_or_changes_nothing(
        choice: tuple, registry_seed: dict, plain_warehouse: Path) -> None:
    with tempfile.TemporaryDirectory() as folder:
        fuzz_warehouse = private_copy(plain_warehouse, Path(folder))
        directory = write_registry(registry_seed, choice, Path(folder) / "registry")
        before = contents(fuzz_warehouse.path)
        result = import_registry(fuzz_warehouse, directory, command_line_user())
        if result.status != "loaded":
            assert contents(fuzz_warehouse.path) == before
        if result.status == "refused":
            assert_located(result.problems, *FILES.values())
        event(result.status)


def test_every_fuzz_seed_loads_undamaged(plain_warehouse: Path, tmp_path: Path) -> None:
    """Undamaged, every seed loads: otherwise the fuzz would only ever test refusals."""
    for source, seeds in SEEDS.items():
        for seed in seeds:
            folder = tmp_path / seed.name
            folder.mkdir()
            path = write_input(seed, [], ("none", 0, b""), folder)
            assert check_ingest(private_copy(plain_warehouse, folder), source, path) == "loaded", seed.name
