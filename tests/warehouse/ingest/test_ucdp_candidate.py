"""UCDP GED Candidate: monthly provisional events, superseded by period when a newer or final release covers them."""

from __future__ import annotations

import functools
import http.server
import threading
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import duckdb
import pytest

from r2p.ops.update import download, releases
from r2p.warehouse import Warehouse
from r2p.warehouse.ingest import ingest
from r2p.warehouse.migrate import migrate
from tests.helpers.ingest import refusal, sql_rows

HEADER = "id,country_id,date_start,date_end,type_of_violence,best,low,high,latitude,longitude,adm_1,dyad_name"
CAF = 482  # Gleditsch-Ward number of the Central African Republic


def _ged_file(folder: Path, name: str, events: list[tuple[int, str, int]]) -> Path:
    """A GED-layout CSV: one row per (id, date, best) in CAF."""
    rows = [f"{i},{CAF},{day},{day},3,{best},{best},{best},5.5,20.5,Ouaka prefecture,Group - Civilians"
            for i, day, best in events]
    path = folder / name
    path.write_text("\n".join([HEADER, *rows]) + "\n", encoding="utf-8")
    return path


def _current(warehouse: Warehouse) -> dict[str, int]:
    """event_id -> deaths_best of the current UCDP events."""
    return dict(sql_rows(warehouse, "SELECT event_id, deaths_best FROM event WHERE source_id = 'ucdp'"))


NOVEMBER_2024 = [(101, "2024-11-03", 5), (102, "2024-11-10", 2), (103, "2024-11-20", 4)]
FINAL_2024 = [(101, "2024-11-03", 10), (104, "2024-11-20", 4), (105, "2024-03-01", 1)]  # 103 renumbered, 102 dropped


def test_a_candidate_loads_its_events_as_provisional_without_country_year_totals(warehouse: Warehouse,
                                                                                  tmp_path: Path) -> None:
    result = ingest(warehouse, "ucdp", _ged_file(tmp_path, "GEDEvent_v24_0_11.csv", NOVEMBER_2024))
    assert (result.status, result.kind, result.rows_loaded, result.release) == (
        "loaded", "ucdp-ged-candidate", 3, "UCDP GED Candidate 24.0.11")
    assert _current(warehouse) == {"ucdp-ged-101": 5, "ucdp-ged-102": 2, "ucdp-ged-103": 4}
    assert sql_rows(warehouse, "SELECT iso3, covers_from::VARCHAR, covers_to::VARCHAR, provisional"
                               " FROM event_coverage") == [("CAF", "2024-11-01", "2024-11-30", True)]
    assert sql_rows(warehouse, "SELECT count(*) FROM observation o JOIN ingest i USING (ingest_id)"
                               " WHERE i.kind = 'ucdp-ged-candidate'") == [(0,)]  # a month is not a year's total


def test_the_final_release_supersedes_the_candidate_events_of_its_years_once(warehouse: Warehouse,
                                                                            tmp_path: Path) -> None:
    ingest(warehouse, "ucdp", _ged_file(tmp_path, "GEDEvent_v24_0_11.csv", NOVEMBER_2024))
    ingest(warehouse, "ucdp", _ged_file(tmp_path, "GEDEvent_v25_0_1.csv", [(201, "2025-01-05", 3)]))
    final = ingest(warehouse, "ucdp", _ged_file(tmp_path, "GEDEvent_v25_1.csv", FINAL_2024))
    assert (final.kind, final.release) == ("ucdp-ged", "UCDP GED 25.1")
    # Each event once, the final values win; 102 and 103 (dropped or renumbered by UCDP) are no longer counted.
    assert _current(warehouse) == {"ucdp-ged-101": 10, "ucdp-ged-104": 4, "ucdp-ged-105": 1, "ucdp-ged-201": 3}
    assert sorted(sql_rows(warehouse, "SELECT event_id, deaths_best FROM event_vintage")) == [
        ("ucdp-ged-101", 5), ("ucdp-ged-102", 2), ("ucdp-ged-103", 4)]  # what the candidate said, kept


def test_an_older_candidate_never_overwrites_the_final_release(warehouse: Warehouse, tmp_path: Path) -> None:
    ingest(warehouse, "ucdp", _ged_file(tmp_path, "GEDEvent_v25_1.csv", FINAL_2024))
    late = ingest(warehouse, "ucdp", _ged_file(tmp_path, "GEDEvent_v24_0_11.csv", NOVEMBER_2024))
    assert (late.status, late.held_back, late.release_in_force) == ("loaded", 3, "UCDP GED 25.1")
    assert _current(warehouse) == {"ucdp-ged-101": 10, "ucdp-ged-104": 4, "ucdp-ged-105": 1}
    assert sql_rows(warehouse, "SELECT count(*) FROM event_vintage") == [(3,)]


@pytest.mark.parametrize("order", [("v25_0_1", "v25_0_2"), ("v25_0_2", "v25_0_1")])
def test_the_newer_candidate_of_a_month_wins_whichever_loads_first(warehouse: Warehouse, tmp_path: Path,
                                                                  order: tuple[str, str]) -> None:
    months = {"v25_0_1": [(201, "2025-01-05", 3), (203, "2025-01-09", 1)],  # 203 dropped by the newer release
              "v25_0_2": [(201, "2025-01-05", 9), (202, "2025-01-25", 2), (301, "2025-02-02", 6)]}
    for version in order:
        assert ingest(warehouse, "ucdp", _ged_file(tmp_path, f"GEDEvent_{version}.csv", months[version])).status \
            == "loaded"
    assert _current(warehouse) == {"ucdp-ged-201": 9, "ucdp-ged-202": 2, "ucdp-ged-301": 6}


def test_a_malformed_candidate_names_file_row_and_column_and_loads_nothing(warehouse: Warehouse,
                                                                            tmp_path: Path) -> None:
    path = _ged_file(tmp_path, "GEDEvent_v25_0_9.csv", [(1, "2025-09-01", 2), (2, "2025-09-02", 3)])
    path.write_text(path.read_text(encoding="utf-8").replace("2025-09-02,2025-09-02,3,3", "2025-09-02,2025-09-02,3,x"),
                    encoding="utf-8")
    problems = refusal(warehouse, "ucdp", path)
    assert problems == ["GEDEvent_v25_0_9.csv, row 3, column \"best\": 'x': is not a number"]


@pytest.fixture
def mirror(tmp_path: Path) -> Iterator[str]:
    """A local mirror holding only the first candidate month, laid out like shared/data (ucdp/FILE)."""
    folder = tmp_path / "mirror"
    (folder / "ucdp").mkdir(parents=True)
    _ged_file(folder / "ucdp", "GEDEvent_v25_0_1.csv", [(201, "2025-01-05", 3)])
    handler = functools.partial(QuietHandler, directory=str(folder))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - the standard library's name
        pass


def test_update_fetches_listed_candidate_months_from_the_mirror_and_skips_missing_ones(
        warehouse: Warehouse, mirror: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("R2P_UPDATE_MIRROR", mirror)
    monkeypatch.setenv("R2P_CACHE_DIR", str(tmp_path / "cache"))
    candidates = [r for r in releases()["ucdp"] if r.optional]
    assert candidates and all(r.url.startswith("https://ucdp.uu.se/downloads/candidateged/GEDEvent_v25_0_")
                              for r in candidates)
    first = download(candidates[0], lambda *_: None)
    assert first == tmp_path / "cache" / "ucdp" / "GEDEvent_v25_0_1.csv"
    assert download(candidates[1], lambda *_: None) is None  # not on the mirror: skipped, not an error
    loaded = ingest(warehouse, "ucdp", first)
    assert (loaded.kind, loaded.release) == ("ucdp-ged-candidate", "UCDP GED Candidate 25.0.1")


def test_upgrading_gives_earlier_final_ged_loads_the_whole_years_they_cover(tmp_path: Path) -> None:
    with duckdb.connect(str(tmp_path / "old.duckdb")) as connection:
        migrate(connection, target=8)  # a warehouse from before the candidate importer
        connection.execute("INSERT INTO source VALUES ('ucdp', 'UCDP', '', '', '', '', false)")
        connection.execute("INSERT INTO ingest (source_id, kind, file_name, sha256, rows_read, rows_loaded,"
                           " rows_rejected, started_at, finished_at, status) VALUES ('ucdp', 'ucdp-ged',"
                           " 'GEDEvent_v23_1.csv', 'abc', 2, 2, 0, now(), now(), 'loaded')")
        connection.execute("INSERT INTO event (event_id, source_id, iso3, event_date, ingest_id) VALUES"
                           " ('ucdp-ged-1', 'ucdp', 'CAF', DATE '2013-05-02', 1),"
                           " ('ucdp-ged-2', 'ucdp', 'CAF', DATE '2014-07-01', 1)")
        migrate(connection)
        assert connection.execute("SELECT iso3, covers_from, covers_to, provisional FROM event_coverage").fetchall() \
            == [("CAF", date(2013, 1, 1), date(2014, 12, 31), False)]
