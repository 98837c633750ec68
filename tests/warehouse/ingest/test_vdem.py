"""The `vdem` source: the real ERT extract, a full country-year layout, other releases and precise refusals."""

from __future__ import annotations

import importlib
from pathlib import Path

import duckdb
import pandas as pd
import pytest

from r2p.catalog import indicators
from r2p.warehouse import Warehouse
from r2p.warehouse.ingest import ingest
from tests.helpers.data import ROOT, require_shared
from tests.helpers.ingest import rejects_of, values_of

vdem = importlib.import_module("r2p.warehouse.ingest.vdem")
FIXTURES = ROOT / "tests" / "fixtures"
FULL_CY = FIXTURES / "vdem" / "V-Dem-CY-Full+Others-v15.subset.csv"


@pytest.fixture(scope="module")
def ert() -> Path:
    return require_shared("vdem/ert.csv")


def test_the_real_ert_file_loads_every_country_year_with_units_without_iso3_rejected(
    warehouse: Warehouse, ert: Path
) -> None:
    # ert.csv (ERT v15): 19,678 country-years of 183 V-Dem units, 1900-2024. 604 rows are left out on purpose:
    # Zanzibar 125, Hong Kong 125, Somaliland 94, South Yemen 91, Republic of Vietnam 76, German Democratic
    # Republic 42, Palestine/British Mandate 31, and the 20 Palestine/Gaza years (1948-49, 2007-24) in which
    # Palestine/West Bank already gives PSE. The other 19,074 rows carry 57,049 values of the three catalogued
    # columns ERT has: v2x_regime (19,581 of 19,678 non-NA overall), v2x_polyarchy and aut_ep.
    result = ingest(warehouse, "vdem", ert)
    assert (result.status, result.kind, result.rows_read, result.rows_loaded, result.rows_rejected) == (
        "loaded", "vdem-ert", 19678, 57049, 604)
    rejects = rejects_of(warehouse, result.ingest_id)
    assert rejects.groupby("value").size().to_dict() == {
        "ZZB": 125, "HKG": 125, "SML": 94, "YMD": 91, "VDR": 76, "DDR": 42, "PSB": 31, "PSG": 20}
    assert set(rejects["column_name"]) == {"country_text_id"}
    gaza = rejects[rejects["value"] == "PSG"].iloc[0]
    assert gaza["message"] == ("V-Dem unit Palestine/Gaza (PSG) would load as PSE, which Palestine/West Bank (PSE)"
                               " already gives for 1948; not loaded")
    assert values_of(warehouse, "vdem.v2x_polyarchy", 2021)["MMR"] == 0.107  # after the February 2021 coup
    assert values_of(warehouse, "vdem.v2x_regime", 2021)["MMR"] == 0.0
    assert values_of(warehouse, "vdem.autocratization_ongoing", 2021)["MMR"] == 1.0
    assert values_of(warehouse, "vdem.v2x_polyarchy", 1960)["PSE"] == 0.038  # Gaza: no West Bank row that year
    assert values_of(warehouse, "vdem.v2x_polyarchy", 2024)["PSE"] == 0.214  # West Bank
    assert values_of(warehouse, "vdem.v2x_polyarchy", 2010)["XKX"] == 0.532


def test_the_full_country_year_layout_loads_only_catalogued_columns(warehouse: Warehouse) -> None:
    # 19 rows: 8 left out (France 1789 before 1800, Baden, Saxony, GDR, Gaza 2023 behind West Bank, Somaliland,
    # Zanzibar, Hong Kong); 11 rows x 8 catalogued columns. v2x_polyarchy_codelow, v2clkill_ord, e_pop … are ignored.
    result = ingest(warehouse, "vdem", FULL_CY)
    assert (result.status, result.kind, result.rows_read, result.rows_loaded, result.rows_rejected) == (
        "loaded", "vdem-cy", 19, 88, 8)
    rejects = rejects_of(warehouse, result.ingest_id)
    assert list(zip(rejects["row_number"], rejects["column_name"], rejects["value"], strict=True)) == [
        (2, "year", "1789"), (4, "country_text_id", "BAD"), (5, "country_text_id", "SAX"),
        (6, "country_text_id", "DDR"), (16, "country_text_id", "PSG"), (17, "country_text_id", "SML"),
        (18, "country_text_id", "ZZB"), (20, "country_text_id", "HKG")]
    assert "a historical state or territory outside the country table" in rejects.loc[1, "message"]
    assert values_of(warehouse, "vdem.v2clkill", 2023)["SDN"] == -2.705
    assert values_of(warehouse, "vdem.v2x_clphy", 2024)["NAM"] == 0.889
    assert values_of(warehouse, "vdem.v2x_polyarchy", 1960) == {"PSE": 0.038}
    assert values_of(warehouse, "vdem.v2x_polyarchy", 1800) == {"FRA": 0.051}
    with duckdb.connect(str(warehouse.current_file()), read_only=True) as connection:
        loaded = {r[0] for r in connection.execute(
            "SELECT DISTINCT indicator_id FROM observation WHERE ingest_id = $id", {"id": result.ingest_id}).fetchall()}
    assert loaded == set(vdem.INDICATORS.values()) - {"vdem.autocratization_ongoing"}


def test_every_mapped_column_is_a_catalogued_vdem_indicator() -> None:
    catalogued = {i.id for i in indicators() if i.source == "vdem"}
    assert set(vdem.INDICATORS.values()) == catalogued


def test_other_releases_still_load(warehouse: Warehouse, ert: Path, tmp_path: Path) -> None:
    """Reordered columns without the R row index, empty cells for NA, scientific notation, 1981-2000 only."""
    frame = pd.read_csv(ert, dtype=str, keep_default_na=False).drop(columns=["", "country_id"], errors="ignore")
    frame = frame[frame["year"].astype(int).between(1981, 2000)]
    frame = frame[list(reversed(frame.columns))].replace("NA", "")
    frame["v2x_polyarchy"] = pd.to_numeric(frame["v2x_polyarchy"]).map(lambda v: f"{v:.6e}" if v == v else "")
    path = tmp_path / "ert_v14_style.csv"
    frame.to_csv(path, index=False)
    result = ingest(warehouse, "vdem", path)
    assert (result.status, result.kind, result.rows_read) == ("loaded", "vdem-ert", len(frame))
    assert values_of(warehouse, "vdem.v2x_polyarchy", 1990)["CHL"] == pytest.approx(
        float(frame.loc[(frame["country_text_id"] == "CHL") & (frame["year"] == "1990"), "v2x_polyarchy"].iloc[0]))


def test_a_file_without_a_key_column_is_refused_naming_it(warehouse: Warehouse, ert: Path, tmp_path: Path) -> None:
    path = tmp_path / "no_year.csv"
    pd.read_csv(ert, dtype=str, keep_default_na=False, nrows=20).drop(columns=["year"]).to_csv(path, index=False)
    result = ingest(warehouse, "vdem", path)
    assert result.status == "refused"
    assert [str(p) for p in result.errors] == ["no_year.csv, row 1: lacks the V-Dem key column(s) year"]


def test_a_wdi_file_given_as_vdem_is_refused_saying_what_it_looks_like(warehouse: Warehouse) -> None:
    before = warehouse.path.read_bytes()
    result = ingest(warehouse, "vdem", FIXTURES / "wdi" / "WDICSV.csv")
    assert result.status == "refused"
    assert str(result.errors[0]) == (
        "WDICSV.csv, row 1: looks like a World Bank WDI bulk download (WDICSV.csv) file (source `wdi`), not a V-Dem"
        " country-year file (columns country_text_id, year, v2x_polyarchy, …); load it with"
        " `r2p ingest wdi WDICSV.csv`")
    assert warehouse.path.read_bytes() == before


def test_a_file_cut_mid_row_is_refused_whole(warehouse: Warehouse, ert: Path, tmp_path: Path) -> None:
    text = ert.read_bytes()
    cut = tmp_path / "ert_cut.csv"
    cut.write_bytes(text[: text.index(b"\n", len(text) // 2) + 30])  # 30 bytes into spreadsheet row 9,926
    lines = cut.read_bytes().count(b"\n") + 1
    before = warehouse.path.read_bytes()
    result = ingest(warehouse, "vdem", cut)
    assert (result.status, result.rows_read) == ("refused", lines - 1)
    assert [(p.row, p.message) for p in result.errors] == [
        (lines, "has 4 fields where the header has 42 (file cut short or damaged?)")]
    assert warehouse.path.read_bytes() == before


def test_a_file_cut_inside_a_quoted_value_is_refused(warehouse: Warehouse, ert: Path, tmp_path: Path) -> None:
    text = ert.read_bytes()
    cut = tmp_path / "ert_cut_quoted.csv"
    cut.write_bytes(text[: text.rindex(b'"ZWE_') + 4])  # inside the last row's quoted reg_id
    result = ingest(warehouse, "vdem", cut)
    assert result.status == "refused"
    assert [(p.row, p.message) for p in result.errors] == [
        (cut.read_bytes().count(b"\n") + 1, "has 12 fields where the header has 42 (file cut short or damaged?)")]


def test_an_unreadable_value_is_located(warehouse: Warehouse, tmp_path: Path) -> None:
    path = tmp_path / "bad_value.csv"
    path.write_text(FULL_CY.read_text().replace("-2.705,", "-2.7O5,", 1))  # a letter O typed for a zero
    result = ingest(warehouse, "vdem", path)
    assert result.status == "refused"
    assert [str(p) for p in result.errors] == ["bad_value.csv, row 9, column \"v2clkill\": '-2.7O5': is not a number"]


def test_a_catalogued_column_named_twice_is_refused(warehouse: Warehouse, tmp_path: Path) -> None:
    path = tmp_path / "twice.csv"
    lines = FULL_CY.read_text().splitlines()
    path.write_text("\n".join([lines[0] + ",v2x_libdem", *(line + ",0.5" for line in lines[1:])]) + "\n")
    result = ingest(warehouse, "vdem", path)
    assert [str(p) for p in result.errors] == [
        'twice.csv, row 1, column "v2x_libdem": appears twice in the header row (which one holds the data?)']


def test_a_file_not_in_utf8_is_refused_saying_so(warehouse: Warehouse, tmp_path: Path) -> None:
    path = tmp_path / "latin1.csv"
    path.write_bytes(FULL_CY.read_text().replace("Kosovo", "Kosóvo").encode("latin-1"))
    result = ingest(warehouse, "vdem", path)
    assert [str(p) for p in result.errors] == [
        "latin1.csv, row 13: is not UTF-8 text (undecodable byte at offset 2177); save it as CSV UTF-8"]


def test_the_release_comes_from_the_file_name_where_v_dem_writes_it(warehouse: Warehouse) -> None:
    assert ingest(warehouse, "vdem", FULL_CY).release == "V-Dem v15"
    # The ERT extract names no version in its name or content: state it with `r2p ingest --release "V-Dem v15"`.
    assert ingest(warehouse, "vdem", require_shared("vdem/ert.csv")).release is None
