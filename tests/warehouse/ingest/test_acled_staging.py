"""ACLED rows checked and staged in DuckDB: each cell read as the common rules read it, problems located by file,
row, column and value, refusals that leave the warehouse as it was, and releases kept as vintages."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from r2p.warehouse import Warehouse
from r2p.warehouse.ingest import acled, ingest, vintages
from r2p.warehouse.ingest.ucdp_common import MAX_PROBLEMS_PER_CHECK
from r2p.warehouse.ingest.vintages import known_events
from r2p.warehouse.queries import run
from r2p.warehouse.releases import Release
from tests.helpers.ingest import refusal, sql_rows
from tests.helpers.warehouses import copy_of
from tests.warehouse.ingest.test_acled import FIXTURE, stage_file

DATE_FORMATS = ("%Y-%m-%d", "%d-%B-%Y", "%d %b %Y", "%Y-%m-%dT10:30:00", "%d %B %Y", " %d %B %Y\t")


def _fixture() -> pd.DataFrame:
    return pd.read_csv(FIXTURE, dtype=str, keep_default_na=False)


def _write(frame: pd.DataFrame, path: Path) -> Path:
    frame.to_csv(path, index=False) if path.suffix == ".csv" else frame.to_excel(path, index=False)
    return path


@pytest.mark.parametrize("suffix", [".csv", ".xlsx"])
def test_every_acled_date_format_gives_the_same_events(warehouse: Warehouse, tmp_path: Path, suffix: str) -> None:
    frame = _fixture()
    days = pd.to_datetime(frame["event_date"], format="%d %B %Y")
    frame["event_date"] = [day.strftime(DATE_FORMATS[i % len(DATE_FORMATS)]) for i, day in enumerate(days)]
    mixed = stage_file(warehouse, _write(frame, tmp_path / f"acled_dates{suffix}"))
    original = stage_file(warehouse, _write(_fixture(), tmp_path / "acled.csv"))
    pd.testing.assert_frame_equal(mixed.events, original.events)
    pd.testing.assert_frame_equal(mixed.observations, original.observations)
    assert mixed.as_of == original.as_of


def test_cells_are_cleaned_and_read_as_every_importer_reads_them(warehouse: Warehouse, tmp_path: Path) -> None:
    frame = _fixture()
    ids = frame["event_id_cnty"]
    frame.loc[0, "iso"], frame.loc[1, "admin1"], frame.loc[2, "latitude"] = " 729 ", "  ", ""
    frame.loc[3, "longitude"], frame.loc[4, "event_id_cnty"], frame.loc[5, "fatalities"] = "NA", f" {ids[4]}\t", "3.0"
    frame.loc[6, "latitude"], frame.loc[7, "admin1"] = "\u00a012.5", " Kayin "
    frame.loc[8, "admin1"], frame.loc[9, "event_id_cnty"] = "\u00cele-de-France\u3000", f"{ids[9]}\x1f"
    events = stage_file(warehouse, _write(frame, tmp_path / "acled.csv")).events.set_index("event_id")
    by_id = {name: events.loc[f"acled-{ids[row]}"] for name, row in (("iso", 0), ("admin1", 1), ("lat", 2),
                                                                     ("lon", 3), ("id", 4), ("deaths", 5),
                                                                     ("nbsp", 6), ("kayin", 7))}
    assert by_id["iso"]["iso3"] == "SDN"
    assert pd.isna(by_id["admin1"]["admin1"]) and by_id["kayin"]["admin1"] == "Kayin"
    assert pd.isna(by_id["lat"]["latitude"]) and pd.isna(by_id["lon"]["longitude"])
    assert (by_id["nbsp"]["latitude"], by_id["deaths"]["deaths_best"]) == (12.5, 3)
    assert {f"acled-{ids[4]}", f"acled-{ids[9]}"} <= set(events.index)  # spaces, tabs and separators stripped
    assert events.loc[f"acled-{ids[8]}", "admin1"] == "\u00cele-de-France"


def test_an_export_with_only_the_required_columns_loads(warehouse: Warehouse, tmp_path: Path) -> None:
    """No country names (Kosovo's 0 is then untracked), regions, sub-types, actors or civilian targeting."""
    frame = _fixture().drop(columns=["sub_event_type", "inter1", "inter2", "civilian_targeting", "country",
                                     "admin1"])
    result = ingest(warehouse, "acled", _write(frame, tmp_path / "acled.csv"))
    assert (result.status, result.rows_read, result.rows_rejected) == ("loaded", 30, 3)
    assert sql_rows(warehouse, "SELECT DISTINCT message FROM ingest_reject ORDER BY 1") == [
        ("ISO 3166 numeric code 0 (?) is not a country R2P Watch tracks; event left out",),
        ("ISO 3166 numeric code 630 (?) is not a country R2P Watch tracks; event left out",)]
    assert sql_rows(warehouse, "SELECT count(*) FROM event WHERE admin1 IS NOT NULL OR source_ref LIKE '% / %'"
                               " OR violence_type = 2") == [(0,)]


def test_unreadable_cells_are_each_named_and_the_warehouse_is_unchanged(warehouse: Warehouse,
                                                                        tmp_path: Path) -> None:
    frame = _fixture()
    frame.loc[[0, 5, 7, 9], "fatalities"] = ["several", "-2", "-inf", ""]
    frame.loc[[3, 4, 10], "iso"] = ["7.5", "", "abc"]
    frame.loc[1, "event_date"], frame.loc[8, "latitude"], frame.loc[6, "longitude"] = "March 2024", "1e400", "1_000"
    assert refusal(warehouse, "acled", _write(frame, tmp_path / "acled.csv")) == [
        "acled.csv, row 12, column \"iso\": 'abc': is not a number",
        "acled.csv, row 5, column \"iso\": '7.5': is not a whole number",
        "acled.csv, row 6, column \"iso\": '': is missing",
        "acled.csv, row 2, column \"fatalities\": 'several': is not a number",
        "acled.csv, row 9, column \"fatalities\": '-inf': is not a number",
        "acled.csv, row 11, column \"fatalities\": '': is missing",
        "acled.csv, row 10, column \"latitude\": '1e400': is not a number",
        "acled.csv, row 8, column \"longitude\": '1_000': is not a number",
        "acled.csv, row 3, column \"event_date\": 'March 2024': is not a date (ACLED writes 12 March 2024 or "
        "2024-03-12)",
        "acled.csv, row 7, column \"fatalities\": '-2': is negative",
        "acled.csv, row 9, column \"fatalities\": '-inf': is negative",
    ]


def test_a_value_wrong_on_every_row_is_listed_up_to_the_cap(warehouse: Warehouse, tmp_path: Path) -> None:
    frame = pd.concat([_fixture()] * 10, ignore_index=True).assign(fatalities="x")
    messages = refusal(warehouse, "acled", _write(frame, tmp_path / "acled.csv"))
    assert len(messages) == MAX_PROBLEMS_PER_CHECK + 1
    assert messages[0] == "acled.csv, row 2, column \"fatalities\": 'x': is not a number"
    assert messages[-1] == (f"acled.csv, column \"fatalities\": is not a number: {300 - MAX_PROBLEMS_PER_CHECK} "
                            "more rows like this")


def test_rows_are_numbered_by_record_when_a_value_spans_lines(warehouse: Warehouse, tmp_path: Path) -> None:
    frame = _fixture()
    frame.loc[0, "admin1"], frame.loc[3, "fatalities"] = "North\nDarfur", "many"
    assert refusal(warehouse, "acled", _write(frame, tmp_path / "acled.csv")) == [
        "acled.csv, row 5, column \"fatalities\": 'many': is not a number"]


def test_repeated_ids_coordinates_off_earth_and_impossible_years_are_refused(warehouse: Warehouse,
                                                                             tmp_path: Path) -> None:
    frame = _fixture()
    frame.loc[[4, 9], "event_id_cnty"] = frame.loc[3, "event_id_cnty"]
    frame.loc[2, "latitude"], frame.loc[3, "longitude"] = "95", "-181"
    repeated = f"acled-{frame.loc[3, 'event_id_cnty']}"
    assert refusal(warehouse, "acled", _write(frame, tmp_path / "acled.csv")) == [
        "acled.csv, row 4, column \"latitude\": '95.0': is not between -90 and 90",
        "acled.csv, row 5, column \"longitude\": '-181.0': is not between -180 and 180",
        f"acled.csv, row 6, column \"event_id\": '{repeated}': appears more than once",
        f"acled.csv, row 11, column \"event_id\": '{repeated}': appears more than once",
    ]
    frame = _fixture()
    frame.loc[2, "event_date"] = "12 March 1700"
    assert refusal(warehouse, "acled", _write(frame, tmp_path / "acled.csv")) == [
        "acled.csv, row 4, column \"event_date\": '1700': year out of range"] * 2  # both totals of that year


def test_a_file_of_untracked_territories_only_is_refused(warehouse: Warehouse, tmp_path: Path) -> None:
    frame = _fixture().assign(iso="630", country="Puerto Rico")
    assert refusal(warehouse, "acled", _write(frame, tmp_path / "acled.csv")) == [
        "acled.csv: contains no values to load"]


def test_an_older_release_is_kept_only_as_a_vintage(warehouse: Warehouse, tmp_path: Path) -> None:
    newer = ingest(warehouse, "acled", _write(_fixture(), tmp_path / "acled.csv"),
                   release=Release("ACLED 2025", (2025,), None, "stated"))
    current = sql_rows(warehouse, "SELECT * EXCLUDE (ingest_id) FROM event ORDER BY event_id")
    older = ingest(warehouse, "acled", _write(_fixture().assign(fatalities="7"), tmp_path / "acled_old.csv"),
                   release=Release("ACLED 2024", (2024,), None, "stated"))
    assert (newer.status, older.status, older.release_in_force) == ("loaded", "loaded", "ACLED 2025")
    assert older.held_back == 29 + 20  # every event and country-year total
    assert sql_rows(warehouse, "SELECT * EXCLUDE (ingest_id) FROM event ORDER BY event_id") == current
    assert sql_rows(warehouse, "SELECT count(*), min(deaths_best), max(deaths_best) FROM event_vintage") == [
        (29, 7, 7)]


def test_events_are_stored_by_country_then_date_in_an_order_the_file_does_not_decide(template_warehouse: Path,
                                                                                      tmp_path: Path) -> None:
    """Several events a day: any order of the rows stores the same order (DuckDB skips row groups by it)."""
    frame = pd.concat([_fixture().assign(event_id_cnty=_fixture()["event_id_cnty"] + f"-{n}") for n in range(4)],
                      ignore_index=True)
    stored = []
    for n, rows in enumerate((frame, frame.iloc[::-1], frame.sample(frac=1, random_state=7))):
        warehouse = copy_of(template_warehouse, tmp_path / f"w{n}.duckdb")
        assert ingest(warehouse, "acled", _write(rows, tmp_path / f"acled_{n}.csv")).status == "loaded"
        stored.append(sql_rows(warehouse, "SELECT iso3, event_date, event_id FROM event ORDER BY rowid"))
    assert stored[0] == stored[1] == stored[2]
    assert [row[:2] for row in stored[0]] == sorted(row[:2] for row in stored[0])
    assert len({row[:2] for row in stored[0]}) < len(stored[0])  # days with several events: their order is fixed


def _renamed(frame: pd.DataFrame, rows: slice) -> pd.DataFrame:
    """The fixture with the event ids of some rows changed to ids no other file has."""
    frame = frame.copy()
    frame.loc[frame.index[rows], "event_id_cnty"] = "NEW" + frame["event_id_cnty"].iloc[rows]
    return frame


_FILES = {"a": lambda: _fixture(), "a7": lambda: _fixture().assign(fatalities="7"),
          "half": lambda: _renamed(_fixture(), slice(0, 15)), "new": lambda: _renamed(_fixture(), slice(None))}
# Loads in order (file, release year) and what the probe finds each time: True when a staged id is stored.
_SEQUENCES = {
    "first load": ([("a", 2025)], [False]),
    "the same release re-loaded, corrected": ([("a", 2025), ("a7", 2025)], [False, True]),
    "an older release after a newer": ([("a", 2025), ("a7", 2024)], [False, True]),
    "a newer release after an older": ([("a7", 2024), ("a", 2025)], [False, True]),
    "overlapping ids, newer and older": ([("a", 2025), ("half", 2026), ("a7", 2024)], [False, True, True]),
    "new ids beside stored ones": ([("a7", 2024), ("a", 2025), ("new", 2025)], [False, True, False]),
}


def _load_in_turn(warehouse: Warehouse, tmp_path: Path, loads: list[tuple[str, int]]) -> tuple[list, dict]:
    outcomes = []
    for n, (name, year) in enumerate(loads):
        result = ingest(warehouse, "acled", _write(_FILES[name](), tmp_path / f"acled_{n}.csv"),
                        release=Release(f"ACLED {year}", (year,), None, "stated"))
        outcomes.append((result.status, result.rows_loaded, result.held_back, result.release_in_force))
    # ORDER BY ALL: a parallel insert stores rows in no fixed order, so the tables compare as sets of rows
    tables = {table: sql_rows(warehouse, f"SELECT * FROM {table} ORDER BY ALL")
              for table in ("event", "event_vintage", "observation_vintage")}
    return outcomes, tables


@pytest.mark.parametrize("sequence", _SEQUENCES)
def test_loads_of_new_events_skip_the_vintage_statements_with_the_same_outcome(
        sequence: str, template_warehouse: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    loads, probed = _SEQUENCES[sequence]
    found = []

    def spied(connection: object) -> bool:
        found.append(known_events(connection))
        return found[-1]

    monkeypatch.setattr(vintages, "known_events", spied)
    fast = _load_in_turn(copy_of(template_warehouse, tmp_path / "fast.duckdb"), tmp_path, loads)
    monkeypatch.setattr(vintages, "known_events", lambda connection: True)  # every vintage statement runs
    full = _load_in_turn(copy_of(template_warehouse, tmp_path / "full.duckdb"), tmp_path, loads)
    assert found == probed
    assert fast == full
    assert fast[1]["event"] and all(row[1] == "acled" for row in fast[1]["event"])  # the demo events are gone


def test_ids_equal_once_cleaned_are_refused_as_repeats(warehouse: Warehouse, tmp_path: Path) -> None:
    frame = _fixture()
    first = frame.loc[2, "event_id_cnty"]
    frame.loc[6, "event_id_cnty"] = f" {first}\t"
    assert refusal(warehouse, "acled", _write(frame, tmp_path / "acled.csv")) == [
        f"acled.csv, row 8, column \"event_id\": 'acled-{first}': appears more than once"]


def test_a_hash_collision_in_the_first_look_for_repeats_refuses_nothing(warehouse: Warehouse, tmp_path: Path,
                                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    """The cheap look (distinct hashes) may say 'maybe' for distinct ids; the full check then finds no repeat."""
    looked = []

    def colliding(connection: object, name: str, *args: object, **kwargs: object) -> pd.DataFrame:
        if name == "ops/ingest_event_ids_may_repeat":
            looked.append(name)
            return pd.DataFrame({"maybe": [True]})
        return run(connection, name, *args, **kwargs)

    monkeypatch.setattr(acled, "run", colliding)
    staged = stage_file(warehouse, _write(_fixture(), tmp_path / "acled.csv"))
    assert looked and staged.event_problems == [] and staged.events_staged == 29
