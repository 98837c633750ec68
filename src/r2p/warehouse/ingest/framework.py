"""Ingest: read and validate a file, stage its rows, and load them in one transaction (or refuse it whole)."""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

import duckdb
import pandas as pd

from r2p.config import setting
from r2p.warehouse.audit import audit
from r2p.warehouse.catalog_sync import shipped_ranges, sync_catalog, upsert_indicators
from r2p.warehouse.ingest.result import IngestRefused, IngestResult, Problem, Staged
from r2p.warehouse.ingest.uploads import check_upload
from r2p.warehouse.ingest.validate import Reference, event_problems, observation_problems
from r2p.warehouse.ingest.vintages import HeldBack, find_release, load_events, load_observations
from r2p.warehouse.parquet_events import events_parquet, refusal
from r2p.warehouse.queries import run, staged
from r2p.warehouse.releases import UNKNOWN, Release, record_release
from r2p.warehouse.store import Warehouse

# An importer turns a file into staged rows, or raises IngestRefused with every problem it found.
Importer = Callable[[Path, Reference], Staged]
Progress = Callable[[str], None]
# Work that must land in the same transaction as the load (e.g. recomputing derived tier scores).
AfterLoad = Callable[[duckdb.DuckDBPyConnection], object]


def file_sha256(*paths: Path) -> str:
    """Content hash of the input file(s), read in blocks so large files do not fill memory."""
    digest = hashlib.sha256()
    for path in paths:
        with path.open("rb") as handle:
            for block in iter(lambda: handle.read(1 << 20), b""):
                digest.update(block)
    return digest.hexdigest()


def ingest_file(
    warehouse: Warehouse,
    source: str,
    path: Path,
    importer: Importer,
    extra_files: tuple[Path, ...] = (),
    progress: Progress = lambda stage: None,
    after_load: AfterLoad | None = None,
    release: Release | None = None,
) -> IngestResult:
    """Validate, stage and load one file; on any problem nothing is written and the result says why.

    `release` states the file's release; without it the release is read from the file's name or content."""
    if not path.is_file():
        return _refused(source, path, "unknown", [Problem(path.name, f"no such file: {path}")])
    try:
        for checked in (path, *extra_files):
            check_upload(checked, source)  # before hashing or parsing a byte of it
    except IngestRefused as refused:
        return _refused(source, path, refused.kind, refused.problems)
    digest = file_sha256(path, *extra_files)
    reference, previous = _reference_and_previous(warehouse, source, digest)
    # NOTE: the same content stated as another release (`--release` after an unknown one) loads again as that one.
    if previous is not None and (release is None or release.label == previous["release"]):
        return IngestResult(source, path.name, str(previous["kind"]), int(previous["rows_read"]), 0, 0,
                            "unchanged", [], 0, int(previous["ingest_id"]))
    progress("validating")
    started = datetime.now(UTC)
    try:
        staged = importer(path, reference)
        if staged.stage is None:  # rows staged in Python are checked before the write begins
            _check_staged(staged, reference, path.name)
        found = find_release(source, path, staged, release)
        with warehouse.write() as connection:
            if staged.stage is not None:  # rows staged in DuckDB are checked in the write: a refusal rolls it back
                staged = staged.stage(connection)
                _check_staged(staged, reference, path.name)
            progress("loading")
            ingest_id, held = load_staged_release(connection, source, path.name, digest, staged, started, found)
            if after_load is not None:
                progress("scoring")
                after_load(connection)
    except IngestRefused as refused:
        return _refused(source, path, refused.kind, refused.problems, refused.rows_read)
    loaded = _count(staged.observations) + _count(staged.events) + staged.events_staged
    return IngestResult(source, path.name, staged.kind, staged.rows_read, loaded, len(staged.rejects), "loaded",
                        [], 0, ingest_id, found.label, found.published, sum(h.values for h in held),
                        held[0].release_in_force if held else None)


def _reference_and_previous(warehouse: Warehouse, source: str, digest: str) -> tuple[Reference, dict | None]:
    cursor = warehouse.reader().cursor()
    try:
        previous = run(cursor, "read/ingest_by_hash", {"source_id": source, "sha256": digest})
        # The shipped catalog counts even before `r2p init` has copied a newer version of it into the warehouse.
        reference = Reference.load(cursor).with_indicators(shipped_ranges())
        return reference, (previous.iloc[0].to_dict() if len(previous) else None)
    finally:
        cursor.close()


def _check_staged(staged: Staged, reference: Reference, file: str) -> None:
    """Every problem at once: those the importer found while reading, then the common checks."""
    problems = list(staged.problems)
    has_observations = staged.observations is not None and not staged.observations.empty
    has_events = staged.events_staged > 0 or (staged.events is not None and not staged.events.empty)
    if not (has_observations or has_events or problems):
        problems.append(Problem(file, "contains no values to load"))
    if staged.indicators is not None and not staged.indicators.empty:
        reference = reference.with_indicators(staged.indicators.rename(columns={"id": "indicator_id"}))
    if has_observations:
        problems += observation_problems(staged.observations, reference, file)
    if has_events:
        problems += staged.event_problems if staged.events_staged else event_problems(staged.events, reference, file)
    if has_events and events_parquet():  # the event table is not what anyone reads while this is set
        problems.append(Problem(file, refusal(events_parquet())))
    if problems:
        problems.sort(key=lambda p: (p.file, p.row or 0))
        raise IngestRefused(problems, staged.kind, staged.rows_read)


def _refused(source: str, path: Path, kind: str, problems: list[Problem], rows_read: int = 0) -> IngestResult:
    return IngestResult(source, path.name, kind, rows_read, 0, 0, "refused", problems, len(problems))


def load_staged(connection: duckdb.DuckDBPyConnection, source: str, file_name: str, digest: str, staged: Staged,
          started: datetime, release: Release = UNKNOWN) -> int:
    """Load staged rows inside the writer's transaction; returns the new ingest_id."""
    return load_staged_release(connection, source, file_name, digest, staged, started, release)[0]


def load_staged_release(connection: duckdb.DuckDBPyConnection, source: str, file_name: str, digest: str,
                        staged: Staged, started: datetime, release: Release) -> tuple[int, list[HeldBack]]:
    """Everything below runs inside the writer's single transaction; returns the ingest_id and what a newer
    release of the source kept out of the current values."""
    ingest_id = int(run(connection, "write/add_ingest", {
        "source": source, "kind": staged.kind, "file": file_name, "sha": digest, "read": staged.rows_read,
        "loaded": _count(staged.observations) + _count(staged.events) + staged.events_staged,
        "rejected": len(staged.rejects),
        "started": started, "finished": datetime.now(UTC), "as_of": staged.as_of})["ingest_id"].iloc[0])
    record_release(connection, ingest_id, release)
    sync_catalog(connection)
    is_demo = bool(run(connection, "read/source_is_demo", {"source_id": source})["is_demo"].iloc[0])
    _load_indicators(connection, staged.indicators)
    held = load_observations(connection, staged.observations, ingest_id, is_demo)
    held += load_events(connection, staged.events, source, ingest_id, is_demo, staged.events_staged)
    _load_rejects(connection, staged.rejects, ingest_id)
    audit(connection, "ingest", "ingest", str(ingest_id), None,
          {"source": source, "file": file_name, "sha256": digest, "kind": staged.kind, "release": release.label})
    return ingest_id, _newest_first(held)


def _count(frame: pd.DataFrame | None) -> int:
    return 0 if frame is None else len(frame)


def _load_indicators(connection: duckdb.DuckDBPyConnection, indicators: pd.DataFrame | None) -> None:
    if indicators is None or indicators.empty:
        return
    upsert_indicators(connection, indicators)


def _newest_first(held: list[HeldBack]) -> list[HeldBack]:
    """One entry per release in force (observations and events of a load may both be held back by it)."""
    merged: dict[str, int] = {}
    for item in held:
        merged[item.release_in_force] = merged.get(item.release_in_force, 0) + item.values
    return [HeldBack(name, count) for name, count in merged.items()]


def _load_rejects(connection: duckdb.DuckDBPyConnection, rejects: pd.DataFrame, ingest_id: int) -> None:
    if rejects.empty:
        return
    with staged(connection, staged_reject=rejects.assign(ingest_id=ingest_id)):
        run(connection, "write/add_rejects")


def error_cap() -> int:
    return int(setting("max_errors"))
