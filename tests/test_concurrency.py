"""Several sessions browse while an ingest runs and an editor writes: no errors, and never a half-written view."""

from __future__ import annotations

import json
import subprocess
import sys
import threading
import time
import traceback
from pathlib import Path

import pytest

from r2p.access.rights import Role, User
from r2p.tiers.assessment import record_assessment
from r2p.warehouse import Warehouse
from tests.helpers.data import ROOT
from tests.helpers.session_reader import check_snapshot

MARKER = "table.load_marker"
PERIODS = range(2000, 2025)
LOADS = 3  # files ingested one after another; each replaces every value of the last
APP_SESSIONS = 2
READER_PROCESSES = 2
EDITS = 6
EDITOR = User("editor@example.org", Role.EDITOR, "local account")


def marker_files(folder: Path, countries: list[str]) -> list[Path]:
    """LOADS table files with a value for every country and period; values differ, so each one is a new load."""
    files = []
    for load in range(LOADS):
        path = folder / f"load_marker_{load}.csv"
        lines = ["country,indicator,year,value"] + [f"{iso3},{MARKER},{year},{load * 1000 + year % 100}"
                                                     for iso3 in countries for year in PERIODS]
        path.write_text("\n".join(lines) + "\n")
        files.append(path)
    # Only the first load brings the indicator's metadata; later ones add values to a known indicator.
    (folder / "load_marker_0.indicators.csv").write_text(
        "id,name,unit,higher_is_worse,risk_factors,valid_min,valid_max,description\n"
        f"{MARKER},Load marker (TEST),count,true,1,0,100000,Written by the concurrency test.\n")
    return files


def ingest_all(files: list[Path], outcomes: list) -> None:
    for path in files:
        done = subprocess.run([sys.executable, "-m", "r2p.cli", "ingest", "table", str(path), "--json"],
                              capture_output=True, text=True, check=False)
        outcomes.append(json.loads(done.stdout.splitlines()[-1])["status"] if done.returncode == 0 else done.stderr)


def edit(warehouse: Warehouse, made: list, failures: list) -> None:
    for number in range(EDITS):
        try:
            made.append(record_assessment(warehouse, "SDN", 2024, "High" if number % 2 else "Very high",
                                          f"Concurrency test edit {number}: sustained attacks reported.", EDITOR))
        except Exception:  # noqa: BLE001 - every error is a finding
            failures.append(traceback.format_exc(limit=4))
        time.sleep(1.0)


def _reader(log: Path, *args: str) -> subprocess.Popen:
    """A reader process; its stderr (Streamlit's chatter, or a crash) goes to `log`, kept for the failure message."""
    with log.open("w") as stderr:
        return subprocess.Popen([sys.executable, "-m", "tests.helpers.session_reader", *args], cwd=ROOT,
                                stdout=subprocess.PIPE, stderr=stderr, text=True)


def _report(reader: subprocess.Popen, log: Path) -> dict:
    output = reader.communicate(timeout=300)[0].splitlines()
    assert reader.returncode == 0 and output, f"a reader process failed:\n{log.read_text()[-3000:]}"
    return json.loads(output[-1])


def _wait_until_reading(stop_file: Path, count: int) -> None:
    """Start writing only once every reader has done one round (starting Python and Streamlit is slow)."""
    deadline = time.monotonic() + 300
    while len(list(stop_file.parent.glob(f"{stop_file.name}.ready.*"))) < count:
        assert time.monotonic() < deadline, "the readers did not start"
        time.sleep(0.2)


@pytest.mark.slow  # reader processes, an ingest process and an editor thread at once: processes are the point
def test_sessions_browsing_during_an_ingest_and_edits_see_no_errors_and_no_mix(
        warehouse: Warehouse, tmp_path: Path) -> None:
    countries = [r[0] for r in warehouse.reader().cursor().execute("SELECT iso3 FROM country ORDER BY 1").fetchall()]
    files, rows = marker_files(tmp_path, countries), len(countries) * len(PERIODS)
    stop_file = tmp_path / "stop"
    logs = [tmp_path / f"reader-{n}.log" for n in range(APP_SESSIONS + READER_PROCESSES)]
    readers = [_reader(logs[n], "pages", str(stop_file), str(n * 3)) for n in range(APP_SESSIONS)]
    readers += [_reader(log, "data", str(stop_file), MARKER, str(rows)) for log in logs[APP_SESSIONS:]]
    outcomes: list = []
    made: list[int] = []
    edit_failures: list[str] = []
    writers = [threading.Thread(target=ingest_all, args=(files, outcomes)),
               threading.Thread(target=edit, args=(warehouse, made, edit_failures))]
    _wait_until_reading(stop_file, len(readers))
    started = time.monotonic()
    for thread in writers:
        thread.start()
    # This thread reads too, as often as it can, until both writers are done.
    own_reads, own_failures, states = 0, [], set()
    while any(w.is_alive() for w in writers):
        problem, state = check_snapshot(warehouse, MARKER, rows)
        own_reads, states = own_reads + 1, states | {state}
        own_failures += [problem] if problem else []
        time.sleep(0.05)  # leave the two cores to the sessions and writers
    writing = time.monotonic() - started
    stop_file.touch()
    reports = [_report(reader, log) for reader, log in zip(readers, logs, strict=True)]
    pages, reports = reports[:APP_SESSIONS], reports[APP_SESSIONS:]

    figures = {"app_sessions": APP_SESSIONS, "page_runs": sum(p["page_runs"] for p in pages),
               "reader_processes": READER_PROCESSES,
               "process_reads": [r["reads"] for r in reports],
               "versions_seen": [r["versions"] for r in pages + reports],
               "test_thread_reads": own_reads, "states_seen": len(states),
               "writes": {"ingests": len(outcomes), "edits": len(made)},
               "failures": sum(len(r["failures"]) for r in pages + reports) + len(own_failures)
               + len(edit_failures), "seconds_writing": round(writing, 1),
               "seconds_total": round(time.monotonic() - started, 1)}
    print(f"\nconcurrency figures: {json.dumps(figures)}")
    assert outcomes == ["loaded"] * LOADS
    assert len(made) == EDITS and not edit_failures, edit_failures
    assert [p["failures"] for p in pages] == [[]] * APP_SESSIONS
    assert [r["failures"] for r in reports] == [[]] * READER_PROCESSES
    assert not own_failures, own_failures
    # The readers must really have read across the writes, or the test proved nothing.
    assert all(r["versions"] >= 2 for r in pages + reports) and len(states) >= 3
    final = warehouse.reader().cursor().execute(
        "SELECT count(*), count(DISTINCT ingest_id) FROM observation WHERE indicator_id = $m", {"m": MARKER}
    ).fetchall()[0]
    assert final == (rows, 1)


def test_the_snapshot_check_catches_a_mix_a_partial_load_and_an_unaudited_edit(warehouse: Warehouse) -> None:
    """The check above can fail: each kind of half-written state it looks for is reported."""
    def marker_rows(ingest_ids: list[int]) -> None:
        with warehouse.write() as connection:
            connection.execute("DELETE FROM observation WHERE indicator_id = $m", {"m": MARKER})
            for number, ingest_id in enumerate(ingest_ids):
                connection.execute("INSERT INTO observation VALUES ('SDN', $m, $period, 1.0, $ingest)",
                                   {"m": MARKER, "period": 2000 + number, "ingest": ingest_id})

    assert check_snapshot(warehouse, MARKER, 2)[0] is None
    marker_rows([1, 1])
    assert check_snapshot(warehouse, MARKER, 2)[0] is None
    marker_rows([1])
    assert "mixed load: 1 ingests, 1 rows" in check_snapshot(warehouse, MARKER, 2)[0]
    marker_rows([1, 2])
    assert "mixed load: 2 ingests" in check_snapshot(warehouse, MARKER, 2)[0]
    marker_rows([1, 1])
    with warehouse.write() as connection:
        connection.execute("INSERT INTO assessment (iso3, period, tier, rationale, author, created_at)"
                           " VALUES ('SDN', 2024, 'High', 'written without its audit row', 'nobody', now())")
    assert "audit out of step: 1 assessments, 0 audit rows" in check_snapshot(warehouse, MARKER, 2)[0]
