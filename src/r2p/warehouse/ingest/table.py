"""The `table` source: an analyst's own spreadsheet (CSV or XLSX, long or wide) plus an indicator sheet."""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd

from r2p.warehouse.ingest.reader import ROW, read_csv, read_sheets
from r2p.warehouse.ingest.result import IngestRefused, Problem, Staged
from r2p.warehouse.ingest.table_meta import parse_metadata
from r2p.warehouse.ingest.validate import (
    Reference,
    country_problems,
    is_missing,
    is_whole,
    parse_numbers,
    per_value,
    resolve_countries,
)

DESCRIPTION = "An analyst's CSV/XLSX table (long or wide) with an indicator metadata sheet"
_YEAR = re.compile(r"^\d{4}$")
_META_SHEET = "indicators"
LAYOUTS = (
    "long: country, indicator, year (or period), value [, unit]",
    "wide by year: country, indicator, 1990, 1991, …",
    "wide by indicator: country, year (or period), <indicator id>, <indicator id>, …",
)


def read_table(path: Path, reference: Reference, meta_path: Path | None = None) -> Staged:
    """Stage an analyst table; raises IngestRefused listing every problem found."""
    data, data_label, meta, meta_label = _sheets(path, meta_path)
    catalogued = set(reference.indicators["indicator_id"])
    new_indicators, problems = (
        parse_metadata(meta, meta_label, catalogued) if meta is not None else (None, [])
    )
    long, kind = _to_long(data, data_label, catalogued | _ids(new_indicators))
    country_column = next((c for c in data.columns if c.lower() == "country"), "country")
    long, found = _resolve(long, data_label, reference, country_column)
    problems += found + _unit_problems(long, data_label, reference, new_indicators)
    # Rows with unreadable cells are left out of `long`; the framework's checks on the rest add their problems.
    return Staged(kind=kind, rows_read=len(data), observations=long, indicators=new_indicators, problems=problems)


def _sheets(path: Path, meta_path: Path | None) -> tuple[pd.DataFrame, str, pd.DataFrame | None, str]:
    if path.suffix.lower() == ".xlsx":
        sheets = read_sheets(path, "table")
        meta_name = next((n for n in sheets if n.strip().lower() == _META_SHEET), None)
        data_name = next((n for n in sheets if n.strip().lower() == "data"), None) or next(
            (n for n in sheets if n != meta_name), None
        )
        if data_name is None:
            raise IngestRefused([Problem(path.name, "has no data sheet")], "table")
        meta = sheets[meta_name] if meta_name else None
        if meta_path is not None:
            meta = _read_csv(meta_path)
        meta_label = f"{path.name} [{meta_name}]" if meta_name and meta_path is None else _name(meta_path)
        return sheets[data_name], f"{path.name} [{data_name}]", meta, meta_label
    meta_path = meta_path or _sibling_metadata(path)
    meta = _read_csv(meta_path) if meta_path else None
    return _read_csv(path), path.name, meta, _name(meta_path)


def _read_csv(path: Path) -> pd.DataFrame:
    return read_csv(path, "table", empty_ok=True)  # a header alone is refused later: "contains no values"


def _sibling_metadata(path: Path) -> Path | None:
    candidate = path.with_name(f"{path.stem}.indicators.csv")
    return candidate if candidate.is_file() else None


def _name(path: Path | None) -> str:
    return path.name if path else "(no indicator sheet)"


def _ids(indicators: pd.DataFrame | None) -> set[str]:
    return set() if indicators is None else set(indicators["id"])


def _to_long(data: pd.DataFrame, label: str, known_ids: set[str]) -> tuple[pd.DataFrame, str]:
    """Melt any supported layout into one row per value, remembering each value's row and column."""
    columns = {c.lower(): c for c in data.columns}
    period = columns.get("year") or columns.get("period")
    if {"country", "indicator", "value"} <= columns.keys() and period:
        long = data.rename(columns={columns["country"]: "country_raw", columns["indicator"]: "indicator_raw",
                                    period: "period_raw", columns["value"]: "value_raw"})
        return long.assign(_column=columns["value"], _period_column=period, _id_column=columns["indicator"],
                           unit_raw=data[columns["unit"]] if "unit" in columns else None), "table-long"
    years = [c for c in data.columns if _YEAR.match(str(c))]
    if {"country", "indicator"} <= columns.keys() and years:
        long = data.melt(id_vars=[columns["country"], columns["indicator"], "_row"], value_vars=years,
                         var_name="period_raw", value_name="value_raw")
        long = long.rename(columns={columns["country"]: "country_raw", columns["indicator"]: "indicator_raw"})
        return long.assign(_column=long["period_raw"], _period_column=long["period_raw"],
                           _id_column=columns["indicator"], unit_raw=None), "table-wide-years"
    value_columns = [c for c in data.columns if c in known_ids]
    if "country" in columns and period and value_columns:
        long = data.melt(id_vars=[columns["country"], period, "_row"], value_vars=value_columns,
                         var_name="indicator_raw", value_name="value_raw")
        long = long.rename(columns={columns["country"]: "country_raw", period: "period_raw"})
        return long.assign(_column=long["indicator_raw"], _period_column=period,
                           _id_column=long["indicator_raw"], unit_raw=None), "table-wide-indicators"
    found = ", ".join(map(str, data.columns.drop(ROW)[:12]))
    raise IngestRefused(
        [Problem(label, f"cannot tell the layout from the header ({found}); expected one of: " + " | ".join(LAYOUTS),
                 1)], "table", len(data))


def _resolve(
    long: pd.DataFrame, label: str, reference: Reference, country_column: str
) -> tuple[pd.DataFrame, list[Problem]]:
    """Drop empty values, then resolve countries, years and numbers, collecting every problem."""
    long = long[~is_missing(long["value_raw"])].copy()
    long["iso3"] = resolve_countries(long["country_raw"], reference)
    problems = country_problems(long["country_raw"], long["iso3"], long["_row"], label,
                                country_column, reference)
    years = per_value(long["period_raw"], lambda cells: pd.to_numeric(cells.astype(str).str.strip(), errors="coerce"))
    bad_year = ~is_whole(years)
    problems += [Problem(label, "is not a year (e.g. 2024)", int(r), str(c), str(v)) for v, r, c in
                 zip(long.loc[bad_year, "period_raw"], long.loc[bad_year, "_row"],
                     long.loc[bad_year, "_period_column"], strict=True)]
    long["value"], bad_value = parse_numbers(long["value_raw"])
    problems += [Problem(label, "is not a number (use . for decimals, no thousands separators)", int(r), str(c),
                         str(v)) for v, r, c in zip(long.loc[bad_value, "value_raw"], long.loc[bad_value, "_row"],
                                                    long.loc[bad_value, "_column"], strict=True)]
    long["indicator_id"] = long["indicator_raw"].astype(str).str.strip()
    long["period"] = years.where(~bad_year).astype("Int64")
    return long[~bad_year & ~bad_value & long["iso3"].notna()], problems


def _unit_problems(
    long: pd.DataFrame, label: str, reference: Reference, new: pd.DataFrame | None
) -> list[Problem]:
    """A long table may carry a unit column; each unit must match the indicator's catalogued unit."""
    if long["unit_raw"].isna().all():
        return []
    units = dict(zip(reference.indicators["indicator_id"], reference.indicators["unit"], strict=True))
    if new is not None:
        units |= dict(zip(new["id"], new["unit"], strict=True))
    expected = long["indicator_id"].map(units)
    given = long["unit_raw"].fillna("").astype(str).str.strip()
    wrong = expected.notna() & (given != "") & (given.str.lower() != expected.str.lower())
    return [Problem(label, f"does not match the indicator's unit {u!r}", int(r), "unit", g)
            for g, u, r in zip(given[wrong], expected[wrong], long.loc[wrong, "_row"], strict=True)]


def recognise(columns: list[str], path: Path) -> str | None:
    """A table is anything with a country column and a year/period or indicator column."""
    lowered = {c.lower() for c in columns}
    return "analyst table" if "country" in lowered and lowered & {"year", "period", "indicator"} else None


def read(path: Path, reference: Reference) -> Staged:
    return read_table(path, reference)
