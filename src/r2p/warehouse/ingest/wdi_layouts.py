"""The file layouts World Bank WDI data comes in, each melted to one row per (country row, indicator, year) cell."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pandas as pd

from r2p.warehouse.ingest.reader import first_rows, read_csv
from r2p.warehouse.ingest.result import IngestRefused, Problem

BULK_KEYS = ("Country Name", "Country Code", "Indicator Name", "Indicator Code")
R_KEYS = ("iso3c", "year")
# Columns the R WDI package writes besides indicators (extra = TRUE adds most of these); EWP adds ccode.
R_OTHER = frozenset({"country", "iso2c", "iso3c", "year", "ccode", "status", "lastupdated", "region", "capital",
                     "longitude", "latitude", "income", "lending"})
API_KEYS = ("countryiso3code", "date", "value", "indicator.id")
KINDS = {
    "wdi-bulk": "World Bank WDI bulk download (WDICSV.csv)",
    "wdi-api-download": "World Bank WDI download (API_*.csv)",
    "wdi-r": "World Bank WDI (R WDI package layout)",
    "wdi-api-v2": "World Bank API v2 data (JSON flattened to CSV)",
}
_YEAR = re.compile(r"^\d{4}$")
_LOOK_AHEAD = 10  # the API download has four lines (source, blank, last updated, blank) before its header


@dataclass(frozen=True)
class Parsed:
    """A WDI file melted to cells: code, name, indicator_code, period_raw, value_raw, _row, _column, …"""

    kind: str
    rows_read: int
    cells: pd.DataFrame
    code_column: str  # the column holding the country code, for rejects
    ignored: tuple[str, ...]  # indicator codes or columns in the file that the mapping does not load
    as_of: date | None = None


def detect(rows: list[list[str]]) -> tuple[str, int] | None:
    """(kind, header line index) from the first lines of a file, or None when it is no WDI layout."""
    for index, row in enumerate(rows[:_LOOK_AHEAD]):
        if {"Country Code", "Indicator Code"} <= set(row):
            return ("wdi-bulk" if index == 0 else "wdi-api-download"), index
    first = set(rows[0]) if rows else set()
    if rows and rows[0][:2] == ["Data Source", "World Development Indicators"]:
        return "wdi-api-download", -1  # recognised, but its header line is missing
    if set(R_KEYS) <= first:
        return "wdi-r", 0
    if {"countryiso3code", "date"} <= first:
        return "wdi-api-v2", 0
    return None


def parse(path: Path, kind: str, header_index: int, wanted: set[str], aliases: dict[str, str]) -> Parsed:
    """Read the layout `detect` found, keeping only indicators whose WDI code is in `wanted`."""
    rows = first_rows(path, _LOOK_AHEAD)
    header = rows[header_index] if header_index >= 0 else []
    required = {"wdi-bulk": BULK_KEYS, "wdi-api-download": BULK_KEYS, "wdi-r": R_KEYS, "wdi-api-v2": API_KEYS}[kind]
    missing = [c for c in required if c not in header]
    if missing:
        raise IngestRefused([Problem(path.name, f"lacks the column(s) {', '.join(missing)} of a {KINDS[kind]}",
                                     header_index + 1 if header_index >= 0 else None)], kind)
    if kind == "wdi-r":
        return _r_wide(path, header, wanted, aliases)
    if kind == "wdi-api-v2":
        return _api_long(path, header, wanted)
    return _bulk(path, kind, header, header_index, wanted, _last_updated(rows[:header_index]))


def _bulk(path: Path, kind: str, header: list[str], skip: int, wanted: set[str], as_of: date | None) -> Parsed:
    """One row per country and indicator, one column per year ("1960" … "2024"); a trailing empty column."""
    years = [c for c in header if _YEAR.match(c)]
    frame = read_csv(path, kind, ["Country Name", "Country Code", "Indicator Code", *years], skip_rows=skip)
    rows_read = len(frame)
    codes = frame["Indicator Code"].str.strip()
    ignored = tuple(sorted(set(codes) - wanted))
    frame = frame.assign(indicator_code=codes)[codes.isin(wanted)]
    cells = frame.melt(id_vars=["Country Name", "Country Code", "indicator_code", "_row"], value_vars=years,
                       var_name="_column", value_name="value_raw")
    cells = cells.rename(columns={"Country Name": "name", "Country Code": "code"})
    cells = cells.assign(period_raw=cells["_column"], _period_column=cells["_column"], _id_column="Indicator Code")
    return Parsed(kind, rows_read, cells, "Country Code", ignored, as_of)


def _r_wide(path: Path, header: list[str], wanted: set[str], aliases: dict[str, str]) -> Parsed:
    """country, iso2c, iso3c, year, then one column per indicator, named by WDI code or by the user (aliases)."""
    indicators = [c for c in header if c not in R_OTHER and c]
    code_of = {c: aliases.get(c, c) for c in indicators}
    used = [c for c in indicators if code_of[c] in wanted]
    keys = [c for c in ("country", "iso3c", "year", "lastupdated") if c in header]
    frame = read_csv(path, "wdi-r", [*keys, *used])
    if "country" not in frame:
        frame["country"] = frame["iso3c"]
    cells = frame.melt(id_vars=["country", "iso3c", "year", "_row"], value_vars=used, var_name="_column",
                       value_name="value_raw")
    cells = cells.rename(columns={"country": "name", "iso3c": "code", "year": "period_raw"})
    cells = cells.assign(indicator_code=cells["_column"].map(code_of), _period_column="year",
                         _id_column=cells["_column"])
    ignored = tuple(c for c in indicators if c not in used)
    as_of = _latest_date(frame["lastupdated"]) if "lastupdated" in frame else None
    return Parsed("wdi-r", len(frame), cells, "iso3c", ignored, as_of)


def _api_long(path: Path, header: list[str], wanted: set[str]) -> Parsed:
    """One row per value: countryiso3code, date, value, indicator.id (+ country.value for the name)."""
    columns = [*API_KEYS, *(["country.value"] if "country.value" in header else [])]
    frame = read_csv(path, "wdi-api-v2", columns)
    rows_read = len(frame)
    codes = frame["indicator.id"].str.strip()
    ignored = tuple(sorted(set(codes) - wanted))
    frame = frame[codes.isin(wanted)]
    cells = pd.DataFrame({
        "name": frame["country.value"] if "country.value" in frame else frame["countryiso3code"],
        "code": frame["countryiso3code"], "indicator_code": codes[frame.index], "period_raw": frame["date"],
        "value_raw": frame["value"], "_row": frame["_row"], "_column": "value", "_period_column": "date",
        "_id_column": "indicator.id",
    })
    return Parsed("wdi-api-v2", rows_read, cells, "countryiso3code", ignored)


def _last_updated(preamble: list[list[str]]) -> date | None:
    """The API download's "Last Updated Date" line, if there is one."""
    for row in preamble:
        if len(row) >= 2 and row[0] == "Last Updated Date":
            return _latest_date(pd.Series([row[1]]))
    return None


def _latest_date(values: pd.Series) -> date | None:
    dates = pd.to_datetime(values, errors="coerce", format="%Y-%m-%d").dropna()
    return dates.max().date() if len(dates) else None
