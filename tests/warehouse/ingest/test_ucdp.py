"""The `ucdp` source: GED events (GeoJSON and CSV), Battle-Related Deaths and its attribution rule, refusals."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pyogrio
import pytest

from r2p.warehouse import Warehouse
from r2p.warehouse.ingest import ingest, ucdp
from r2p.warehouse.ingest.result import Staged
from r2p.warehouse.ingest.validate import Reference
from tests.helpers.data import ROOT, require_shared
from tests.helpers.ingest import refusal, sql_rows

FIXTURE = ROOT / "tests" / "fixtures" / "ucdp" / "GEDEvent_v23_1_CAR_sample.csv"
# The GED CSV release's columns, in its order (UCDP GED codebook).
GED_CSV_COLUMNS = [
    "id", "relid", "year", "active_year", "code_status", "type_of_violence", "conflict_dset_id", "conflict_new_id",
    "conflict_name", "dyad_dset_id", "dyad_new_id", "dyad_name", "side_a_dset_id", "side_a_new_id", "side_a",
    "side_b_dset_id", "side_b_new_id", "side_b", "number_of_sources", "source_article", "source_office",
    "source_date", "source_headline", "source_original", "where_prec", "where_coordinates", "where_description",
    "adm_1", "adm_2", "latitude", "longitude", "geom_wkt", "priogrid_gid", "country", "country_id", "region",
    "event_clarity", "date_prec", "date_start", "date_end", "deaths_a", "deaths_b", "deaths_civilians",
    "deaths_unknown", "best", "high", "low", "gwnoa", "gwnob",
]


def _stage(warehouse: Warehouse, path: Path) -> Staged:
    """What the importer stages, without loading (for variants of a file)."""
    cursor = warehouse.reader().cursor()
    try:
        return ucdp.read(path, Reference.load(cursor))
    finally:
        cursor.close()


@pytest.fixture(scope="module")
def ged_records() -> pd.DataFrame:
    """The shared GED GeoJSON as a table in the CSV release's columns (coordinates from the geometry)."""
    features = pyogrio.read_dataframe(require_shared("ucdp/GEDEvent_v23_1_CAR.geojson"))
    frame = pd.DataFrame(features.drop(columns="geometry")).assign(
        latitude=features.geometry.y, longitude=features.geometry.x, geom_wkt=features.geometry.to_wkt())
    return frame[GED_CSV_COLUMNS]


def test_the_ged_geojson_loads_all_1848_events_and_replaces_the_demo_events(warehouse: Warehouse) -> None:
    result = ingest(warehouse, "ucdp", require_shared("ucdp/GEDEvent_v23_1_CAR.geojson"))
    # 1,848 events + 27 country-years (CAR 1991-2022, years with events) x 2 indicators; nothing rejected.
    assert (result.status, result.kind, result.rows_read, result.rows_loaded, result.rows_rejected) == (
        "loaded", "ucdp-ged-geojson", 1848, 1848 + 54, 0)
    assert sql_rows(warehouse, "SELECT source_id, iso3, count(*) FROM event GROUP BY ALL") == [("ucdp", "CAF", 1848)]
    by_type = dict(sql_rows(warehouse, "SELECT violence_type, count(*) FROM event GROUP BY 1"))
    assert by_type == {1: 401, 2: 371, 3: 1076}  # as PROVENANCE.md counts them
    # Event 30272 is published as best 8, low 8, high 4: kept, its interval widened to include best.
    assert sql_rows(warehouse, "SELECT event_date::VARCHAR, deaths_best, deaths_low, deaths_high, source_ref"
                           " FROM event WHERE event_id = 'ucdp-ged-30272'") == [
        ("2011-01-01", 8, 8, 8, "LRA - Civilians")]
    osv = dict(sql_rows(warehouse, "SELECT period, value FROM observation WHERE indicator_id = 'ucdp.osv_deaths'"))
    # 1991's only event (id 22782, one-sided) has best 0 (low 0, high 20).
    assert (osv[2013], osv[2014], osv[1991], len(osv)) == (2690, 2295, 0, 27)
    assert sql_rows(warehouse, "SELECT sum(value) FROM observation WHERE indicator_id = 'ucdp.ged_fatalities'") == [
        (14948.0,)]
    assert sql_rows(warehouse, "SELECT as_of::VARCHAR FROM ingest WHERE source_id = 'ucdp'") == [("2022-12-31",)]


def test_the_ged_csv_fixture_loads_events_and_country_year_totals(warehouse: Warehouse) -> None:
    result = ingest(warehouse, "ucdp", FIXTURE)
    assert (result.status, result.kind, result.rows_read, result.rows_loaded) == ("loaded", "ucdp-ged", 20, 32)
    assert sql_rows(warehouse, "SELECT event_date::VARCHAR, admin1, latitude, longitude, violence_type, deaths_best,"
                           " deaths_low, deaths_high FROM event WHERE event_id = 'ucdp-ged-22937'") == [
        ("2003-03-15", "Bangui province", 4.366667, 18.583333, 1, 13, 8, 50)]
    assert sql_rows(warehouse, "SELECT count(*) FROM event WHERE admin1 IS NULL") == [(4,)]
    osv = dict(sql_rows(warehouse, "SELECT period, value FROM observation WHERE indicator_id = 'ucdp.osv_deaths'"))
    assert osv == {2003: 6, 2005: 8, 2009: 0, 2011: 8, 2014: 0, 2021: 0}  # all 2003/2005 events are in it
    total = dict(sql_rows(warehouse,
                          "SELECT period, value FROM observation WHERE indicator_id = 'ucdp.ged_fatalities'"))
    assert (total[2003], total[2014], total[2021]) == (19, 16, 33)


def test_the_csv_release_and_the_geojson_stage_the_same_events(
    warehouse: Warehouse, ged_records: pd.DataFrame, tmp_path: Path
) -> None:
    path = tmp_path / "GEDEvent_v23_1.csv"
    ged_records.assign(date_start=ged_records["date_start"].dt.strftime("%Y-%m-%d 00:00:00.000")).to_csv(
        path, index=False)
    from_csv = _stage(warehouse, path)
    from_geojson = _stage(warehouse, require_shared("ucdp/GEDEvent_v23_1_CAR.geojson"))
    columns = ["event_id", "iso3", "event_date", "violence_type", "deaths_best", "deaths_low", "deaths_high"]
    pd.testing.assert_frame_equal(from_csv.events[columns], from_geojson.events[columns], check_dtype=False)
    assert (from_csv.events["latitude"] - from_geojson.events["latitude"]).abs().max() < 1e-9
    assert from_csv.events["_row"].iloc[0] == 2 and from_geojson.events["_row"].iloc[0] == 1  # row 1 = feature 1


def test_other_releases_reordered_renamed_and_ged_2_spellings_still_load(
    warehouse: Warehouse, ged_records: pd.DataFrame, tmp_path: Path
) -> None:
    older = ged_records.rename(columns={"best": "best_est", "low": "low_est", "high": "high_est"})
    older = older[list(reversed(older.columns))].rename(columns=str.upper)
    path = tmp_path / "ged20.csv"
    older.head(100).to_csv(path, index=False)
    staged = _stage(warehouse, path)
    assert (staged.kind, len(staged.events), staged.events["deaths_best"].sum()) == (
        "ucdp-ged", 100, ged_records["best"].head(100).sum())


def test_an_unknown_country_code_rejects_only_that_event(warehouse: Warehouse, tmp_path: Path) -> None:
    frame = pd.read_csv(FIXTURE, dtype=str, keep_default_na=False)
    frame.loc[4, "country_id"] = "999"
    path = tmp_path / "ged.csv"
    frame.to_csv(path, index=False)
    staged = _stage(warehouse, path)
    assert len(staged.events) == 19
    assert staged.rejects.to_dict("records") == [{
        "row_number": 6, "column_name": "country_id", "value": "999",
        "message": "Gleditsch-Ward code 999 is not a known state in 2003; event left out"}]


def test_unreadable_cells_refuse_the_file_with_each_cell_located(warehouse: Warehouse, tmp_path: Path) -> None:
    frame = pd.read_csv(FIXTURE, dtype=str, keep_default_na=False)
    frame.loc[0, "best"], frame.loc[1, "date_start"], frame.loc[2, "type_of_violence"] = "13 dead", "soon", "4"
    path = tmp_path / "ged.csv"
    frame.to_csv(path, index=False)
    assert refusal(warehouse, "ucdp", path) == [
        "ged.csv, row 2, column \"best\": '13 dead': is not a number",
        "ged.csv, row 3, column \"date_start\": 'soon': is not a date (YYYY-MM-DD)",
        "ged.csv, row 4, column \"type_of_violence\": '4': is not 1 (state-based), 2 (non-state) or 3 (one-sided)",
    ]


def test_coordinates_off_the_globe_refuse_the_file_but_far_from_the_country_do_not(
    warehouse: Warehouse, tmp_path: Path
) -> None:
    frame = pd.read_csv(FIXTURE, dtype=str, keep_default_na=False)
    frame.loc[0, "latitude"], frame.loc[1, "longitude"] = "-48.85", "2.35"  # Southern Ocean; Paris: not refused
    path = tmp_path / "ged.csv"
    frame.to_csv(path, index=False)
    assert len(_stage(warehouse, path).events) == 20
    frame.loc[2, "longitude"] = "200.5"
    frame.to_csv(path, index=False)
    assert refusal(warehouse, "ucdp", path) == [
        "ged.csv, row 4, column \"longitude\": '200.5': is not between -180 and 180"]


def test_a_missing_column_refuses_the_file(warehouse: Warehouse, tmp_path: Path) -> None:
    path = tmp_path / "ged.csv"
    pd.read_csv(FIXTURE, dtype=str).drop(columns="country").drop(columns="country_id").to_csv(path, index=False)
    # Without country_id the header no longer looks like GED at all.
    assert "is not recognised as a UCDP GED events or Battle-Related Deaths file" in refusal(warehouse, "ucdp", path)[0]
    pd.read_csv(FIXTURE, dtype=str).drop(columns="latitude").to_csv(path, index=False)
    assert "lacks required column(s) latitude" in refusal(warehouse, "ucdp", path)[0]


def test_a_geojson_cut_in_half_is_refused(warehouse: Warehouse, tmp_path: Path) -> None:
    data = require_shared("ucdp/GEDEvent_v23_1_CAR.geojson").read_bytes()
    path = tmp_path / "GEDEvent_v23_1_CAR.geojson"
    path.write_bytes(data[: len(data) // 2])
    (message,) = refusal(warehouse, "ucdp", path)
    assert message.startswith("GEDEvent_v23_1_CAR.geojson: is not readable GeoJSON (damaged or cut short?)")


def test_a_csv_cut_mid_line_is_refused_at_that_row(warehouse: Warehouse, tmp_path: Path) -> None:
    path = tmp_path / "ged.csv"
    path.write_bytes(FIXTURE.read_bytes()[:-60])
    (message,) = refusal(warehouse, "ucdp", path)
    assert message.startswith("ged.csv, row 21: ") and "(file cut short or damaged?)" in message


def test_files_of_other_kinds_are_refused_saying_what_they_look_like(warehouse: Warehouse, tmp_path: Path) -> None:
    acled = ROOT / "tests" / "fixtures" / "acled" / "acled_events.csv"
    assert "ACLED events file (source `acled`)" in refusal(warehouse, "ucdp", acled)[0]
    (message,) = refusal(warehouse, "ucdp", require_shared("ewp/basedata2025_4august2025.csv"))
    assert "EWP base data file (source `ewp`), not a UCDP GED events or Battle-Related Deaths file" in message
    (message,) = refusal(warehouse, "ucdp", require_shared("naturalearth/ne_110m_admin_0_countries.geojson"))
    assert "is not recognised as a UCDP GED events or Battle-Related Deaths file" in message


# --- Battle-Related Deaths ----------------------------------------------------------------------------------


def _brd() -> Path:
    return require_shared("ucdp/BattleDeaths_v25_1.csv")


def test_battle_deaths_reproduce_ewps_aggregation(warehouse: Warehouse) -> None:
    result = ingest(warehouse, "ucdp", _brd())
    # 1,995 dyad-years -> 1,094 intrastate country-years (as many as EWP's battledeaths.csv lists) plus 103
    # country-years of interstate war; nothing rejected in 25.1.
    assert (result.status, result.kind, result.rows_read, result.rows_loaded, result.rows_rejected) == (
        "loaded", "ucdp-brd", 1995, 1094 + 103, 0)
    ewp = pd.read_csv(require_shared("ewp/inputs/battledeaths.csv"))
    assert sql_rows(warehouse, "SELECT count(*), sum(value) FROM observation WHERE indicator_id = 'ucdp.battle_deaths'"
                ) == [(len(ewp), float(ewp["battledeaths"].sum()))]
    ours = {(iso3, year): value for iso3, year, value in sql_rows(
        warehouse, "SELECT iso3, period, value FROM observation WHERE indicator_id = 'ucdp.battle_deaths'")}
    theirs = ewp.set_index(["country", "year"])["battledeaths"]
    for iso3, name, year in (("ETH", "Ethiopia", 1991), ("MLI", "Mali", 1991), ("ETH", "Ethiopia", 2021),
                             ("COD", "Congo, Democratic Republic of (Zaire)", 2013), ("ETH", "Ethiopia", 1999)):
        assert ours[iso3, year] == theirs[name, year]
    assert sql_rows(warehouse, "SELECT as_of::VARCHAR FROM ingest WHERE source_id = 'ucdp'") == [("2024-12-31",)]


def test_interstate_deaths_go_whole_to_each_party_and_not_into_battle_deaths(warehouse: Warehouse) -> None:
    staged = _stage(warehouse, _brd())
    values = staged.observations.set_index(["indicator_id", "iso3", "period"])["value"]
    interstate = values["ucdp.interstate_battle_deaths"]
    assert interstate["RUS", 2022] == interstate["UKR", 2022] == 91502  # dyad 13243 lists gwno_loc "365, 369"
    assert interstate["ETH", 1999] == interstate["ERI", 1999] == 47192
    assert values["ucdp.battle_deaths"]["ETH", 1999] == 733  # Ethiopia's internal conflicts only, as EWP has it
    assert interstate["USA", 2001] == interstate["AFG", 2001] == interstate["GBR", 2001] == 1397


def test_unattributable_rows_are_rejected_and_the_rest_loads(warehouse: Warehouse, tmp_path: Path) -> None:
    frame = pd.read_csv(_brd(), dtype=str, keep_default_na=False)
    frame.loc[0, "gwno_loc"] = "530, 531"  # an intrastate dyad-year given two location states
    frame.loc[1, "gwno_loc"] = "999"
    frame.loc[2, "type_of_conflict"] = "1"
    path = tmp_path / "brd.csv"
    frame.to_csv(path, index=False)
    staged = _stage(warehouse, path)
    assert staged.rejects[["row_number", "column_name", "value"]].values.tolist() == [
        [2, "gwno_loc", "530, 531"], [3, "gwno_loc", "999"], [4, "type_of_conflict", "1"]]
    assert staged.rejects["message"].tolist() == [
        "intrastate conflict located in several states: its deaths cannot be attributed to one country",
        "Gleditsch-Ward code 999 is not a known state in 1991; its deaths are left out",
        "extrasystemic conflict (type 1): not attributed to a country",
    ]


def test_an_older_release_with_camel_case_names_and_scientific_notation_loads(
    warehouse: Warehouse, tmp_path: Path
) -> None:
    frame = pd.read_csv(_brd(), dtype=str, keep_default_na=False)
    frame.loc[0, "bd_best"] = "1.2225e4"  # Ethiopia 1991, IGLF dyad: 100 -> 12225
    frame = frame.rename(columns={"bd_best": "BdBest", "gwno_loc": "GWNoLoc", "type_of_conflict": "TypeOfConflict",
                                  "year": "Year"})
    path = tmp_path / "brd_old.csv"
    frame[list(reversed(frame.columns))].to_csv(path, index=False)
    values = _stage(warehouse, path).observations.set_index(["indicator_id", "iso3", "period"])["value"]
    assert values["ucdp.battle_deaths", "ETH", 1991] == 12225 - 100 + 12225


def test_a_brd_file_cut_mid_line_or_with_a_bad_number_is_refused(warehouse: Warehouse, tmp_path: Path) -> None:
    path = tmp_path / "BattleDeaths_v25_1.csv"
    path.write_bytes(_brd().read_bytes()[:-30])
    (message,) = refusal(warehouse, "ucdp", path)
    assert message.startswith("BattleDeaths_v25_1.csv, row 1996: ") and "fields where the header has 25" in message
    frame = pd.read_csv(_brd(), dtype=str, keep_default_na=False)
    frame.loc[9, "bd_best"] = "about 50"
    frame.to_csv(path, index=False)
    assert refusal(warehouse, "ucdp", path) == [
        "BattleDeaths_v25_1.csv, row 11, column \"bd_best\": 'about 50': is not a number"]



def test_the_release_comes_from_the_file_name_or_the_brd_version_column(warehouse: Warehouse, tmp_path: Path) -> None:
    assert ingest(warehouse, "ucdp", FIXTURE).release == "UCDP GED 23.1"
    renamed = tmp_path / "brd.csv"  # e.g. unzipped under another name: the BRD file's own `version` column says
    renamed.write_bytes(require_shared("ucdp/BattleDeaths_v25_1.csv").read_bytes())
    assert ingest(warehouse, "ucdp", renamed).release == "UCDP BRD 25.1"
