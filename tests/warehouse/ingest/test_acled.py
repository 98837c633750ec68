"""The `acled` source: events and fatality totals from an export, country codes, violence types, refusals."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import duckdb
import pandas as pd

from r2p.warehouse import Warehouse
from r2p.warehouse.ingest import acled, ingest
from r2p.warehouse.ingest.result import Staged
from r2p.warehouse.ingest.validate import Reference
from tests.helpers.data import ROOT, require_shared
from tests.helpers.ingest import refusal, sql_rows

# Synthetic rows in ACLED's export layout (ACLED's terms forbid redistributing real rows): see its README.
FIXTURE = ROOT / "tests" / "fixtures" / "acled" / "acled_events.csv"
# Event -> UCDP-style violence type as the importer maps it (None: no UCDP counterpart).
VIOLENCE = {
    "SDN0001": 1, "SDN0002": 3, "SDN0003": 3, "SDN0004": 1, "SDN0005": 2, "SDN0006": None, "SDN0007": None,
    "SDN0008": 1, "SDN0009": 3, "SSD0001": 2, "SSD0002": 3, "DRC0001": 1, "DRC0002": 3, "DRC0003": 2,
    "DRC0004": None, "MMR0001": 3, "MMR0002": 1, "MMR0003": None, "UKR0001": 1, "UKR0002": 3, "HTI0001": 3,
    "HTI0002": 1, "HTI0003": None, "PSE0001": 3, "KSV0001": None, "KSV0002": None, "ETH0001": 1, "ETH0002": 3,
    "ETH0003": None,
}


def _fixture() -> pd.DataFrame:
    return pd.read_csv(FIXTURE, dtype=str, keep_default_na=False)


def _stage(warehouse: Warehouse, frame: pd.DataFrame, tmp_path: Path) -> Staged:
    path = tmp_path / "acled_variant.csv"
    frame.to_csv(path, index=False)
    return stage_file(warehouse, path)


def stage_file(warehouse: Warehouse, path: Path) -> Staged:
    """What the importer stages from a file, run on a scratch DuckDB connection; `events` read back as a frame."""
    cursor = warehouse.reader().cursor()
    try:
        reference = Reference.load(cursor)
    finally:
        cursor.close()
    with duckdb.connect() as connection:
        staged = acled.read(path, reference).stage(connection)
        events = connection.execute("SELECT * EXCLUDE (_row, civilian) FROM ingest_event ORDER BY _row").df()
    return replace(staged, events=events)


def _totals(staged: Staged, indicator_id: str) -> dict[tuple[str, int], float]:
    rows = staged.observations[staged.observations["indicator_id"] == indicator_id]
    return {(iso3, int(period)): value for iso3, period, value in zip(rows["iso3"], rows["period"], rows["value"],
                                                                      strict=True)}


def test_the_fixture_loads_its_events_and_totals_and_replaces_the_demo_events(warehouse: Warehouse) -> None:
    result = ingest(warehouse, "acled", FIXTURE)
    # 30 rows: 29 events + 10 country-years x 2 indicators; Puerto Rico's event is rejected.
    assert (result.status, result.kind, result.rows_read, result.rows_loaded, result.rows_rejected) == (
        "loaded", "acled-events", 30, 29 + 20, 1)
    assert sql_rows(warehouse, "SELECT DISTINCT source_id FROM event") == [("acled",)]
    assert sql_rows(warehouse, "SELECT row_number, column_name, value, message FROM ingest_reject") == [
        (28, "iso", "630", "ISO 3166 numeric code 630 (Puerto Rico) is not a country R2P Watch tracks; event left out")]
    types = dict(sql_rows(warehouse, "SELECT event_id, violence_type FROM event"))
    assert types == {f"acled-{key}": value for key, value in VIOLENCE.items()}
    assert sql_rows(warehouse, "SELECT iso3, event_date::VARCHAR, admin1, latitude, longitude, deaths_best, deaths_low,"
                           " deaths_high, source_ref FROM event WHERE event_id = 'acled-SDN0002'") == [
        ("SDN", "2024-03-14", "North Darfur", 13.6279, 25.3494, 25, 25, 25, "Violence against civilians / Attack")]
    assert sql_rows(warehouse, "SELECT DISTINCT iso3 FROM event WHERE event_id LIKE 'acled-KSV%'") == [("XKX",)]
    assert sql_rows(warehouse, "SELECT indicator_id, value FROM observation WHERE iso3 = 'SDN' AND period = 2024"
                           " AND indicator_id LIKE 'acled.%' ORDER BY 1") == [
        ("acled.civilian_fatalities", 34.0), ("acled.fatalities", 57.0)]
    assert sql_rows(warehouse, "SELECT as_of::VARCHAR FROM ingest WHERE source_id = 'acled'") == [("2024-06-03",)]


def test_country_year_totals_count_civilian_targeting_including_mob_violence(
    warehouse: Warehouse, tmp_path: Path
) -> None:
    staged = _stage(warehouse, _fixture(), tmp_path)
    assert _totals(staged, "acled.fatalities") == {
        ("COD", 2024): 65, ("ETH", 2024): 24, ("HTI", 2024): 7, ("MMR", 2024): 17, ("PSE", 2024): 10,
        ("SDN", 2023): 35, ("SDN", 2024): 57, ("SSD", 2024): 15, ("UKR", 2024): 5, ("XKX", 2024): 0}
    # DR Congo: violence against civilians (40) + rioters' mob violence against civilians (2).
    assert _totals(staged, "acled.civilian_fatalities")["COD", 2024] == 42


def test_iso_dates_and_numeric_actor_codes_give_the_same_events(warehouse: Warehouse, tmp_path: Path) -> None:
    frame = _fixture()
    frame["event_date"] = pd.to_datetime(frame["event_date"], format="%d %B %Y").dt.strftime("%Y-%m-%d")
    codes = {"State forces": "1", "Rebel group": "2", "Political militia": "3", "Identity militia": "4",
             "Rioters": "5", "Protesters": "6", "Civilians": "7", "External/Other forces": "8"}
    frame["inter1"], frame["inter2"] = frame["inter1"].replace(codes), frame["inter2"].replace(codes)
    variant = _stage(warehouse, frame, tmp_path).events
    original = _stage(warehouse, _fixture(), tmp_path).events
    pd.testing.assert_frame_equal(variant, original)


def test_an_xlsx_export_gives_the_same_events(warehouse: Warehouse, tmp_path: Path) -> None:
    path = tmp_path / "acled.xlsx"
    _fixture().to_excel(path, index=False)
    pd.testing.assert_frame_equal(stage_file(warehouse, path).events, _stage(warehouse, _fixture(), tmp_path).events)


def test_an_older_export_without_civilian_targeting_counts_violence_against_civilians(
    warehouse: Warehouse, tmp_path: Path
) -> None:
    frame = _fixture().drop(columns=["civilian_targeting", "disorder_type", "tags"]).rename(columns=str.upper)
    staged = _stage(warehouse, frame[list(reversed(frame.columns))], tmp_path)
    civilian = _totals(staged, "acled.civilian_fatalities")
    assert (civilian["COD", 2024], civilian["SDN", 2024], civilian["PSE", 2024]) == (40, 25, 0)
    # The air strikes on civilians are now armed violence involving state forces.
    assert staged.events.set_index("event_id").at["acled-SDN0003", "violence_type"] == 1


def test_an_export_without_actor_codes_counts_battles_as_state_based(warehouse: Warehouse, tmp_path: Path) -> None:
    """No inter1/inter2 columns (an export cut to fewer columns): it loads, and armed violence reads as state-based
    (it crashed in the violence-type mapping)."""
    frame = _fixture().drop(columns=["inter1", "inter2"])
    events = _stage(warehouse, frame, tmp_path).events.set_index("event_id")
    original = _stage(warehouse, _fixture(), tmp_path).events.set_index("event_id")
    armed = original["violence_type"].isin([1, 2])
    assert armed.sum() > 1 and (events.loc[armed, "violence_type"] == 1).all()
    pd.testing.assert_series_equal(events.loc[~armed, "violence_type"], original.loc[~armed, "violence_type"])


def test_a_name_is_used_only_for_a_country_without_a_numeric_code(warehouse: Warehouse, tmp_path: Path) -> None:
    frame = _fixture()
    frame.loc[0, "iso"] = "0"  # Sudan has ISO numeric 729: a 0 with its name is not trusted
    frame.loc[24, "iso"] = "412"  # Kosovo under another stand-in code still resolves by name
    staged = _stage(warehouse, frame, tmp_path)
    assert staged.rejects["row_number"].tolist() == [2, 28]
    assert staged.events.set_index("event_id").at["acled-KSV0001", "iso3"] == "XKX"


def test_unreadable_cells_and_impossible_coordinates_refuse_the_file(warehouse: Warehouse, tmp_path: Path) -> None:
    frame = _fixture()
    frame.loc[0, "fatalities"], frame.loc[1, "event_date"], frame.loc[2, "latitude"] = "several", "March 2024", "95"
    path = tmp_path / "acled.csv"
    frame.to_csv(path, index=False)
    assert refusal(warehouse, "acled", path) == [
        "acled.csv, row 2, column \"fatalities\": 'several': is not a number",
        "acled.csv, row 3, column \"event_date\": 'March 2024': is not a date (ACLED writes 12 March 2024 or "
        "2024-03-12)",
    ]
    frame = _fixture()
    frame.loc[2, "latitude"] = "95"
    frame.to_csv(path, index=False)
    assert refusal(warehouse, "acled", path) == [
        "acled.csv, row 4, column \"latitude\": '95.0': is not between -90 and 90"]


def test_a_file_cut_mid_line_is_refused_at_that_row(warehouse: Warehouse, tmp_path: Path) -> None:
    path = tmp_path / "acled.csv"
    path.write_bytes(FIXTURE.read_bytes()[:-40])
    (message,) = refusal(warehouse, "acled", path)
    assert message.startswith("acled.csv, row 31: 'ETH0003,31 March 2024,")
    assert message.endswith("has 28 fields where the header has 31 (file cut short or damaged?)")


def test_files_of_other_kinds_are_refused_saying_what_they_look_like(warehouse: Warehouse) -> None:
    (message,) = refusal(warehouse, "acled", require_shared("ucdp/BattleDeaths_v25_1.csv"))
    assert "UCDP Battle-Related Deaths file (source `ucdp`), not an ACLED events export" in message
    (message,) = refusal(warehouse, "acled", require_shared("ucdp/GEDEvent_v23_1_CAR.geojson"))
    assert "UCDP GED events (GeoJSON) file (source `ucdp`)" in message
    (message,) = refusal(warehouse, "acled", require_shared("ewp/inputs/wdi.csv"))
    assert "(source `wdi`), not an ACLED events export; load it with `r2p ingest wdi wdi.csv`" in message
