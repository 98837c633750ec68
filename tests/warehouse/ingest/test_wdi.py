"""The `wdi` source: EWP's R WDI pull, bulk and API downloads, aggregates rejected, Namibia kept, precise refusals."""

from __future__ import annotations

import importlib
from datetime import date
from pathlib import Path

import pandas as pd
import pytest

from r2p.catalog import indicators
from r2p.warehouse import Warehouse
from r2p.warehouse.ingest import ingest
from r2p.warehouse.queries import query
from tests.helpers.data import ROOT, require_shared
from tests.helpers.ingest import rejects_of, values_of

wdi = importlib.import_module("r2p.warehouse.ingest.wdi")
FIXTURES = ROOT / "tests" / "fixtures" / "wdi"
BULK = FIXTURES / "WDICSV.csv"
API_DOWNLOAD = FIXTURES / "API_SP.DYN.IMRT.IN_DS2_en_csv_v2_19.csv"
AGGREGATE = "regional or income aggregate"


@pytest.fixture(scope="module")
def r_wdi() -> Path:
    return require_shared("ewp/inputs/wdi.csv")


def test_ewps_r_wdi_pull_loads_countries_and_rejects_aggregates_and_territories(
    warehouse: Warehouse, r_wdi: Path
) -> None:
    # inputs/wdi.csv: 17,290 rows = 266 WDI units x 65 years (1960-2024). Left out, one reject per row:
    # 49 aggregates x 65 = 3,185 (44 with a World Bank group code, 5 income groups with an empty iso3c) and
    # 22 territories outside the country table x 65 = 1,430 (Channel Islands, Hong Kong, Puerto Rico, …).
    # The other 12,675 rows (195 countries; WDI has no Holy See, Western Sahara or Taiwan) hold 41,163 values
    # of the four mapped columns: trade 8,501, GDP pc 10,654, GDP pc growth 10,542, infant mortality 11,466.
    result = ingest(warehouse, "wdi", r_wdi)
    assert (result.status, result.kind, result.rows_read, result.rows_loaded, result.rows_rejected) == (
        "loaded", "wdi-r", 17290, 41163, 4615)
    rejects = rejects_of(warehouse, result.ingest_id)
    assert (rejects["message"] == AGGREGATE).sum() == 3185
    aggregates = set(rejects.loc[rejects["message"] == AGGREGATE, "value"])
    assert len(aggregates) == 49 and {"WLD", "SSF", "IDA", "EMU", "High income", "Not classified"} <= aggregates
    channel = rejects[rejects["value"] == "CHI"]
    assert len(channel) == 65 and channel["message"].iloc[0] == (
        "Channel Islands (CHI) is not in the country table (a territory or other unit that is not a UN member or"
        " observer state); not loaded")
    assert values_of(warehouse, "wdi.infant_mortality", 2023)["NAM"] == 38.4  # Namibia's iso2c is "NA"
    assert values_of(warehouse, "wdi.trade_share", 2023)["NAM"] == pytest.approx(110.770714)
    assert values_of(warehouse, "wdi.gdp_pc_growth", 2023)["SDN"] == pytest.approx(-21.164316)
    assert values_of(warehouse, "wdi.gdp_pc_growth", 2024)["XKX"] == pytest.approx(15.032549)
    assert values_of(warehouse, "wdi.infant_mortality", 1988)["SSD"] == 472.5  # famine year, above 300
    assert wdi.ignored_indicators(r_wdi) == ("wdi.popsize.new", "wdi.imports.new", "wdi.exports.new")


def test_every_mapped_code_is_a_catalogued_wdi_indicator() -> None:
    assert set(wdi.CODES.values()) == {i.id for i in indicators() if i.source == "wdi"}
    assert set(wdi.CODES) <= set(wdi.R_ALIASES.values())


def test_the_bulk_download_loads_mapped_codes_only(warehouse: Warehouse) -> None:
    # 33 rows: 11 units x 3 indicators. Population (SP.POP.TOTL) is not mapped: its 11 rows are ignored.
    # Of the 22 mapped rows, 12 are aggregates (World, Sub-Saharan Africa, Africa Eastern and Southern, Euro
    # area, IDA total, High income) and 4 territories (Aruba, Channel Islands); Kosovo, Namibia and Sudan give 26.
    result = ingest(warehouse, "wdi", BULK)
    assert (result.status, result.kind, result.rows_read, result.rows_loaded, result.rows_rejected) == (
        "loaded", "wdi-bulk", 33, 26, 16)
    rejects = rejects_of(warehouse, result.ingest_id)
    assert (rejects["message"] == AGGREGATE).sum() == 12
    assert set(rejects["value"]) == {"ABW", "AFE", "CHI", "EMU", "HIC", "IDA", "SSF", "WLD"}
    assert set(rejects["column_name"]) == {"Country Code"}
    assert values_of(warehouse, "wdi.infant_mortality", 2020) == {"NAM": 43.1, "SDN": 42.8, "XKX": 9.6}
    assert wdi.ignored_indicators(BULK) == ("SP.POP.TOTL",)


def test_the_api_download_skips_its_preamble_and_dates_the_release(warehouse: Warehouse) -> None:
    result = ingest(warehouse, "wdi", API_DOWNLOAD)
    assert (result.status, result.kind, result.rows_read, result.rows_loaded, result.rows_rejected) == (
        "loaded", "wdi-api-download", 11, 12, 8)
    frame = query(warehouse, "read/indicator_values", {"indicator_id": "wdi.infant_mortality", "period": 2023})
    assert pd.Timestamp(frame.set_index("iso3").loc["NAM", "as_of"]) == pd.Timestamp(date(2025, 7, 1))
    rejects = rejects_of(warehouse, result.ingest_id)
    # The header is spreadsheet row 5 (four preamble lines); rows are sorted by name, Africa Eastern … first.
    assert list(rejects["row_number"][:2]) == [6, 7] and list(rejects["value"][:2]) == ["AFE", "ABW"]


def test_the_api_download_is_recognised_from_its_first_line() -> None:
    first_line = ["Data Source", "World Development Indicators", ""]  # what reader.header() reads
    assert wdi.recognise(first_line, API_DOWNLOAD) == "World Bank WDI download (API_*.csv)"


def test_api_v2_rows_load_with_namibias_iso2_intact(warehouse: Warehouse) -> None:
    result = ingest(warehouse, "wdi", FIXTURES / "wdi_api_v2.csv")
    assert (result.status, result.kind, result.rows_read, result.rows_loaded, result.rows_rejected) == (
        "loaded", "wdi-api-v2", 7, 3, 2)
    assert values_of(warehouse, "wdi.gdp_pc_growth", 2023) == pytest.approx({"NAM": 1.85444910853498,
                                                                          "XKX": 9.35107469785063})


def test_other_releases_of_the_r_layout_still_load(warehouse: Warehouse, r_wdi: Path, tmp_path: Path) -> None:
    """Columns named by WDI code (R WDI's default), reordered, no ccode, scientific notation, 1991-2000 only."""
    frame = pd.read_csv(r_wdi, dtype=str, keep_default_na=False).drop(columns=["ccode"])
    frame = frame[frame["year"].astype(int).between(1991, 2000)].rename(columns=wdi.R_ALIASES)
    frame = frame[["year", "iso3c", *reversed(frame.columns.drop(["year", "iso3c"]))]]
    frame["NY.GDP.PCAP.KD"] = pd.to_numeric(frame["NY.GDP.PCAP.KD"]).map(lambda v: f"{v:.8e}" if v == v else "")
    path = tmp_path / "wdi_by_code.csv"
    frame.to_csv(path, index=False)
    result = ingest(warehouse, "wdi", path)
    assert (result.status, result.kind, result.rows_read, result.rows_rejected) == (
        "loaded", "wdi-r", len(frame), 71 * 10)  # 49 aggregates + 22 territories
    assert values_of(warehouse, "wdi.gdp_pc", 2000)["NAM"] == pytest.approx(3083.59657884697)


def test_a_file_without_iso3c_is_refused_naming_the_column(warehouse: Warehouse, tmp_path: Path) -> None:
    path = tmp_path / "no_iso3c.csv"
    path.write_text("\ufeffCountry Name,Country Code,Indicator Name\nNamibia,NAM,x\n")
    result = ingest(warehouse, "wdi", path)
    assert [str(p) for p in result.errors] == [
        "no_iso3c.csv, row 1: is not recognised as a World Bank WDI file (bulk download, API_*.csv, or the R WDI"
        " package's country/iso3c/year layout) (columns: Country Name, Country Code, Indicator Name)"]
    path.write_text("Country Name,Country Code,Indicator Name,Indicator Code,2020\nNamibia,NAM,x,SP.POP.TOTL,1\n")
    result = ingest(warehouse, "wdi", path)
    assert result.status == "refused" and "has no indicator this warehouse catalogues (found: SP.POP.TOTL;" in str(
        result.errors[0])


def test_files_of_other_sources_are_refused_saying_what_they_look_like(warehouse: Warehouse) -> None:
    ert = require_shared("vdem/ert.csv")
    result = ingest(warehouse, "wdi", ert)
    assert result.status == "refused"
    assert "looks like a V-Dem Episodes of Regime Transformation file (source `vdem`)" in str(result.errors[0])
    forecasts = require_shared("ewp/final_forecasts_data_3Sep2025.csv")
    before = warehouse.path.read_bytes()
    result = ingest(warehouse, "wdi", forecasts)
    assert result.status == "refused" and str(result.errors[0]).startswith("final_forecasts_data_3Sep2025.csv, row 1:")
    if importlib.util.find_spec("r2p.warehouse.ingest.ewp"):
        assert "(source `ewp`)" in str(result.errors[0])
    assert warehouse.path.read_bytes() == before


def test_a_file_cut_mid_row_is_refused_whole(warehouse: Warehouse, r_wdi: Path, tmp_path: Path) -> None:
    text = r_wdi.read_bytes()
    cut = tmp_path / "wdi_cut.csv"
    cut.write_bytes(text[: text.index(b"\n", len(text) // 3) + 25])
    lines = cut.read_bytes().count(b"\n") + 1
    before = warehouse.path.read_bytes()
    result = ingest(warehouse, "wdi", cut)
    assert (result.status, result.rows_read) == ("refused", lines - 1)
    assert [p.row for p in result.errors] == [lines]
    assert "where the header has 12 (file cut short or damaged?)" in result.errors[0].message
    assert warehouse.path.read_bytes() == before


def test_the_release_comes_from_the_files_last_updated_date_or_is_unknown(warehouse: Warehouse) -> None:
    dated = ingest(warehouse, "wdi", API_DOWNLOAD)
    undated = ingest(warehouse, "wdi", BULK)
    assert (dated.release, dated.published) == ("WDI 2025-07-01", date(2025, 7, 1))
    assert (undated.release, undated.published) == (None, None)  # WDICSV.csv states no date: an unknown release
