"""The `wdi` source: World Bank World Development Indicators, by WDI code, countries by ISO3, aggregates left out."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from r2p.warehouse.ingest.reader import first_rows
from r2p.warehouse.ingest.result import IngestRefused, Problem, Staged
from r2p.warehouse.ingest.sniff import refuse_wrong_source
from r2p.warehouse.ingest.validate import Reference, is_whole, parse_numbers
from r2p.warehouse.ingest.vdem import coverage_end
from r2p.warehouse.ingest.wdi_layouts import KINDS, Parsed, detect, parse

DESCRIPTION = "World Bank WDI: bulk download (WDICSV.csv, API_*.csv), R WDI package layout, or API v2 rows"
EXPECTED = "a World Bank WDI file (bulk download, API_*.csv, or the R WDI package's country/iso3c/year layout)"
# WDI indicator code -> catalog id (catalog/indicators/wdi.yml). Any other indicator in a file is ignored.
# Population (SP.POP.TOTL) is left out on purpose: it informs no UN Framework risk factor by itself.
CODES: dict[str, str] = {
    "SP.DYN.IMRT.IN": "wdi.infant_mortality",  # deaths per 1,000 live births
    "NY.GDP.PCAP.KD.ZG": "wdi.gdp_pc_growth",  # annual %
    "NY.GDP.PCAP.KD": "wdi.gdp_pc",  # constant 2015 US$
    "NE.TRD.GNFS.ZS": "wdi.trade_share",  # exports + imports, % of GDP
}
# Column names the R WDI package was asked to use instead of codes (EWP's inputs/wdi.csv) -> WDI code.
R_ALIASES: dict[str, str] = {
    "wdi.imrate.new": "SP.DYN.IMRT.IN",
    "wdi.gdppcgrow.new": "NY.GDP.PCAP.KD.ZG",
    "wdi.gdppc.new": "NY.GDP.PCAP.KD",
    "wdi.trade.new": "NE.TRD.GNFS.ZS",
    "wdi.popsize.new": "SP.POP.TOTL",
    "wdi.imports.new": "NE.IMP.GNFS.KD",
    "wdi.exports.new": "NE.EXP.GNFS.KD",
}
# The World Bank's regional, income and lending groups (their codes are not ISO3); R WDI leaves iso3c empty
# for income groups, which counts as an aggregate too.
AGGREGATES = frozenset({
    "AFE", "AFW", "ARB", "CEB", "CSS", "EAP", "EAR", "EAS", "ECA", "ECS", "EMU", "EUU", "FCS", "HIC", "HPC", "IBD",
    "IBT", "IDA", "IDB", "IDX", "INX", "LAC", "LCN", "LDC", "LIC", "LMC", "LMY", "LTE", "MEA", "MIC", "MNA", "NAC",
    "OED", "OSS", "PRE", "PSS", "PST", "SAS", "SSA", "SSF", "SST", "TEA", "TEC", "TLA", "TMN", "TSA", "TSS", "UMC",
    "WLD",
})
# Codes older WDI releases used where ISO3 differs (Kosovo is XKX in current releases, as in ISO's user range).
LEGACY_CODES = {"KSV": "XKX", "ROM": "ROU", "ZAR": "COD", "TMP": "TLS", "ADO": "AND", "WBG": "PSE"}
AGGREGATE_MESSAGE = "regional or income aggregate"


def recognise(columns: list[str], path: Path) -> str | None:
    """Any WDI layout, told from the header (the API download's first line names the source)."""
    found = detect([columns])
    return KINDS[found[0]] if found else None


def read(path: Path, reference: Reference) -> Staged:
    """Stage the catalogued indicators for every country; aggregates and territories go to rejects."""
    found = detect(first_rows(path))
    if found is None:
        raise refuse_wrong_source(path, "wdi", EXPECTED)
    parsed = parse(path, found[0], found[1], set(CODES), R_ALIASES)
    if parsed.cells.empty:
        raise IngestRefused([_nothing_catalogued(path.name, parsed)], parsed.kind, parsed.rows_read)
    cells, rejects = _countries(parsed, reference)
    observations, problems = _observations(cells, path.name)
    # NOTE: the World Bank's "last updated" date when the file states it, else the end of its latest year (the R
    # WDI package's layout drops the date; the sources table then said "as of" NaT).
    as_of = parsed.as_of or coverage_end(observations["period"])
    return Staged(kind=parsed.kind, rows_read=parsed.rows_read, observations=observations, rejects=rejects,
                  as_of=as_of, published=parsed.as_of, problems=problems)


def ignored_indicators(path: Path) -> tuple[str, ...]:
    """Indicator codes (or R column names) in a WDI file that the mapping does not load, for reports and tests."""
    found = detect(first_rows(path))
    return () if found is None else parse(path, found[0], found[1], set(CODES), R_ALIASES).ignored


def _nothing_catalogued(file: str, parsed: Parsed) -> Problem:
    seen = ", ".join(parsed.ignored[:8]) or "none"
    return Problem(file, f"has no indicator this warehouse catalogues (found: {seen}; catalogued WDI codes: "
                   f"{', '.join(CODES)})")


def _countries(parsed: Parsed, reference: Reference) -> tuple[pd.DataFrame, pd.DataFrame]:
    """ISO3 for every cell; one reject per source row of an aggregate or a unit outside the country table."""
    cells = parsed.cells
    code = cells["code"].str.strip().str.upper()
    iso3 = code.where(code.isin(reference.country_names.keys()), code.map(LEGACY_CODES))
    cells = cells.assign(iso3=iso3)
    left_out = cells[iso3.isna()].drop_duplicates("_row")
    aggregate = left_out["code"].str.strip().str.upper().isin(AGGREGATES) | (left_out["code"].str.strip() == "")
    territory = (left_out["name"] + " (" + left_out["code"] + ") is not in the country table (a territory or other"
                 " unit that is not a UN member or observer state); not loaded")
    rejects = pd.DataFrame({
        "row_number": left_out["_row"].astype("int64"),
        "column_name": parsed.code_column,
        "value": left_out["code"].where(left_out["code"].str.strip() != "", left_out["name"]),
        "message": territory.where(~aggregate, AGGREGATE_MESSAGE),
    }).reset_index(drop=True)
    return cells[iso3.notna()], rejects


def _observations(cells: pd.DataFrame, file: str) -> tuple[pd.DataFrame, list[Problem]]:
    """Numbers and years of the non-empty cells; anything unreadable is a located problem."""
    values, bad_value = parse_numbers(cells["value_raw"])
    years = pd.to_numeric(cells["period_raw"].str.strip(), errors="coerce")
    bad_year = values.notna() & ~is_whole(years)
    problems = [Problem(file, "is not a number", int(r), str(c), str(v)) for v, r, c in
                zip(cells.loc[bad_value, "value_raw"], cells.loc[bad_value, "_row"], cells.loc[bad_value, "_column"],
                    strict=True)]
    problems += [Problem(file, "is not a year (e.g. 2024)", int(r), str(c), str(v)) for v, r, c in
                 zip(cells.loc[bad_year, "period_raw"], cells.loc[bad_year, "_row"],
                     cells.loc[bad_year, "_period_column"], strict=True)]
    keep = values.notna() & ~bad_year
    observations = pd.DataFrame({
        "iso3": cells["iso3"].astype(str), "indicator_id": cells["indicator_code"].map(CODES),
        "period": years.where(is_whole(years)).astype("Int64"), "value": values, "_row": cells["_row"],
        "_column": cells["_column"], "_period_column": cells["_period_column"], "_id_column": cells["_id_column"],
    })[keep]
    return observations.reset_index(drop=True), problems
