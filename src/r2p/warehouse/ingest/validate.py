"""Checks every importer's staged rows must pass: known countries and indicators, types, ranges, unique keys."""

from __future__ import annotations

import difflib
import math
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

import duckdb
import numpy as np
import pandas as pd
import pandera.pandas as pa
import pyarrow as arrow
import pyarrow.compute as pc

from r2p.reference import map_ccodes
from r2p.warehouse.ingest.result import Problem
from r2p.warehouse.queries import run

MISSING_MARKERS = frozenset({"", "na", "n/a", "nan", "null", "none", "..", "-", "—"})
FIRST_YEAR = 1800
# Beyond 2**53 a float no longer holds whole numbers exactly, and int64 overflows soon after (1e20, 3e300).
MAX_WHOLE = 2.0**53

_OBSERVATION_SCHEMA = pa.DataFrameSchema(
    {
        "period": pa.Column(
            "Int64",
            pa.Check.in_range(FIRST_YEAR, date.today().year + 5, error="year out of range"),
            nullable=False,
        ),
        "value": pa.Column(
            float, pa.Check(lambda s: np.isfinite(s), element_wise=False, error="not a finite number")
        ),
    },
    strict=False,
)


@dataclass(frozen=True)
class Reference:
    """What the warehouse already knows, for resolving and checking staged rows."""

    country_names: dict[str, str]  # iso3 -> name
    lookup: dict[str, str]  # lower-cased iso3 / iso2 / name / alias -> iso3
    indicators: pd.DataFrame  # indicator_id, unit, valid_min, valid_max
    ccodes: pd.DataFrame  # ccode, iso3, first_year, last_year, primary, unit_name (see r2p.reference)

    @classmethod
    def load(cls, connection: duckdb.DuckDBPyConnection) -> Reference:
        lookup = run(connection, "read/country_lookup")
        countries = run(connection, "read/country_names")
        crosswalk = run(connection, "read/ccode_crosswalk").astype({"first_year": "Int64", "last_year": "Int64"})
        return cls(
            country_names=dict(zip(countries["iso3"], countries["name"], strict=True)),
            lookup=dict(zip(lookup["key"], lookup["iso3"], strict=False)),
            indicators=run(connection, "read/indicator_ranges"),
            ccodes=crosswalk,
        )

    def with_indicators(self, extra: pd.DataFrame) -> Reference:
        """The same reference knowing a file's own new indicators (indicator_id, unit, valid_min, valid_max)."""
        merged = pd.concat([self.indicators, extra[self.indicators.columns]], ignore_index=True)
        merged = merged.drop_duplicates("indicator_id", keep="last")  # the newer definition wins
        return Reference(self.country_names, self.lookup, merged, self.ccodes)

    def iso3_for_ccodes(self, ccodes: pd.Series, years: pd.Series) -> pd.Series:
        """ISO3 for Gleditsch-Ward / EWP state codes in given years (<NA> where the code is unknown then)."""
        return map_ccodes(self.ccodes, ccodes, years)


def is_missing(values: pd.Series) -> pd.Series:
    """True where a text cell means 'no value' (blank, NA, .., - ...)."""
    return values.fillna("").astype(str).str.strip().str.lower().isin(MISSING_MARKERS)


def resolve_countries(values: pd.Series, reference: Reference) -> pd.Series:
    """ISO3 for each cell given as ISO3, ISO2 or a known name; <NA> where unknown."""
    def resolve(distinct: pd.Series) -> pd.Series:
        keys = distinct.fillna("").astype(str).str.strip().str.lower()
        return keys.map(reference.lookup).astype("string")

    return per_value(values, resolve)


def per_value(values: pd.Series, transform: Callable[[pd.Series], pd.Series]) -> pd.Series:
    """`transform` applied once per distinct value, then spread back: dates, types and codes repeat a lot."""
    codes, uniques = pd.factorize(values, use_na_sentinel=False)
    done = transform(pd.Series(uniques, dtype=values.dtype))
    return done.take(codes).set_axis(values.index).rename(values.name)  # take stays in Arrow for text


def country_problems(
    raw: pd.Series, resolved: pd.Series, rows: pd.Series, file: str, column: str, reference: Reference
) -> list[Problem]:
    """One problem per cell whose country could not be resolved, with a suggestion where one is close."""
    problems = []
    for value, row in zip(raw[resolved.isna()], rows[resolved.isna()], strict=True):
        message = "is not a known country code or name (use ISO 3166 alpha-3, e.g. SDN)"
        suggestion = suggest_country(str(value), reference)
        if suggestion:
            message += f"; did you mean {suggestion} ({reference.country_names.get(suggestion, suggestion)})?"
        problems.append(Problem(file, message, int(row), column, str(value)))
    return problems


def suggest_country(value: str, reference: Reference) -> str | None:
    """The closest known name, for 'did you mean' hints."""
    match = difflib.get_close_matches(value.strip().lower(), list(reference.lookup), n=1, cutoff=0.8)
    return reference.lookup[match[0]] if match else None


def parse_numbers(raw: pd.Series) -> tuple[pd.Series, pd.Series]:
    """(values, bad): numbers parsed from text cells (thousands separators refused); bad marks unparseable cells."""
    fast = _plain_numbers(raw)
    if fast is not None:
        return fast, pd.Series(False, index=raw.index)
    text = raw.fillna("").astype(str).str.strip()
    values = pd.to_numeric(text.where(~is_missing(raw), None), errors="coerce")
    bad = values.isna() & ~is_missing(raw)
    return values.astype("float64"), bad


def _plain_numbers(raw: pd.Series) -> pd.Series | None:
    """pyarrow's cast when every non-blank cell is a plain finite number (the usual case, ~10x faster), else None."""
    try:
        text = pc.utf8_trim_whitespace(arrow.array(raw, type=arrow.string()))
    except (arrow.ArrowException, TypeError, ValueError):
        return None  # not all text (a GeoJSON property holding a list or an object): the slow path says where
    try:
        values = pc.cast(pc.if_else(pc.equal(text, ""), None, text), arrow.float64())
    except arrow.ArrowException:
        return None  # the slow path finds and locates what is wrong (or reads markers such as "NA")
    if pc.any(pc.is_nan(values)).as_py() or pc.any(pc.is_inf(values)).as_py():
        return None
    return pd.Series(values.to_numpy(zero_copy_only=False), index=raw.index, dtype="float64")


def is_whole(values: pd.Series) -> pd.Series:
    """True where a parsed number is whole and small enough for an integer column (False for NaN)."""
    return ((values % 1 == 0) & (values.abs() <= MAX_WHOLE)).fillna(False).astype(bool)


def observation_problems(staged: pd.DataFrame, reference: Reference, file: str) -> list[Problem]:
    """Types and ranges (pandera), per-indicator valid ranges, unknown indicators and duplicate keys."""
    problems = _schema_problems(staged, file)
    problems += _indicator_problems(staged, reference, file)
    problems += _duplicate_problems(staged, file)
    return problems


def _schema_problems(staged: pd.DataFrame, file: str) -> list[Problem]:
    try:
        _OBSERVATION_SCHEMA.validate(staged, lazy=True)
    except pa.errors.SchemaErrors as error:
        cases = error.failure_cases.dropna(subset=["index"])
        return [
            Problem(file, str(case.check), _row(staged, case.index), _column(staged, case.index, case.column),
                    _shown(case.failure_case))
            for case in cases.itertuples()
        ]
    return []


def _indicator_problems(staged: pd.DataFrame, reference: Reference, file: str) -> list[Problem]:
    ranges = reference.indicators.set_index("indicator_id")
    known = staged["indicator_id"].isin(ranges.index)
    problems = [
        Problem(file, "is not in the indicator catalog or the file's indicator sheet", int(row), col, ind)
        for ind, row, col in zip(
            staged.loc[~known, "indicator_id"], staged.loc[~known, "_row"], staged.loc[~known, "_id_column"],
            strict=True,
        )
    ]
    checked = staged[known]
    low, high = (_per_key(checked["indicator_id"], ranges[bound]) for bound in ("valid_min", "valid_max"))
    outside = (checked["value"] < low) | (checked["value"] > high)
    for index in checked.index[outside.fillna(False)]:
        row = checked.loc[index]
        message = (
            f"is outside the valid range {_fmt(low[index])} to {_fmt(high[index])} of {row['indicator_id']}"
        )
        problems.append(Problem(file, message, int(row["_row"]), str(row["_column"]), _fmt(row["value"])))
    return problems


def _per_key(keys: pd.Series, values: pd.Series) -> pd.Series:
    """`keys.map(values)` as float, looked up once per distinct key (Series.map on Arrow text is slow)."""
    codes, distinct = pd.factorize(keys, use_na_sentinel=False)
    found = values.reindex(distinct).astype("float64").to_numpy()
    return pd.Series(found[codes], index=keys.index, dtype="float64")


def _duplicate_problems(staged: pd.DataFrame, file: str) -> list[Problem]:
    keys = ["iso3", "indicator_id", "period"]
    duplicated = staged[staged.duplicated(keys, keep=False)].sort_values("_row")
    problems = []
    for _key, group in duplicated.groupby(keys, sort=False):
        first = int(group["_row"].iloc[0])
        for row in group["_row"].iloc[1:]:
            key = f"{_key[0]} {_key[1]} {_key[2]}"
            problems.append(Problem(file, f"duplicates row {first} (same country, indicator and year)",
                                    int(row), None, key))
    return problems


def _row(staged: pd.DataFrame, index: object) -> int | None:
    return int(staged.at[index, "_row"]) if index in staged.index else None


def _column(staged: pd.DataFrame, index: object, column: str) -> str:
    if column == "value" and index in staged.index:
        return str(staged.at[index, "_column"])
    if column == "period" and index in staged.index:
        return str(staged.at[index, "_period_column"])
    return str(column)


def _shown(value: object) -> str:
    return _fmt(value) if isinstance(value, float) else str(value)


def _fmt(value: float) -> str:
    if isinstance(value, float) and (math.isnan(value) or math.isinf(value)):
        return str(value)
    return f"{value:g}"


def event_problems(events: pd.DataFrame, reference: Reference, file: str) -> list[Problem]:
    """Events: known country, a date, coordinates on Earth, deaths low <= best <= high, unique ids."""
    rows = events["_row"] if "_row" in events else pd.Series(range(2, len(events) + 2), index=events.index)
    checks = [
        (~events["iso3"].isin(reference.country_names.keys()), "iso3", "is not a known country"),
        (pd.to_datetime(events["event_date"], errors="coerce").isna(), "event_date", "is not a date"),
        (~events["latitude"].between(-90, 90) & events["latitude"].notna(), "latitude", "is not between -90 and 90"),
        (~events["longitude"].between(-180, 180) & events["longitude"].notna(), "longitude",
         "is not between -180 and 180"),
        (events["deaths_low"] > events["deaths_best"], "deaths_low", "is above deaths_best"),
        (events["deaths_best"] > events["deaths_high"], "deaths_high", "is below deaths_best"),
        (events["deaths_best"] < 0, "deaths_best", "is negative"),
        (events["event_id"].duplicated(keep="first"), "event_id", "appears more than once"),
    ]
    problems = []
    for mask, column, message in checks:
        for index in events.index[mask.fillna(False).to_numpy(dtype=bool)]:
            problems.append(Problem(file, message, int(rows[index]), column, str(events.at[index, column])))
    return problems
