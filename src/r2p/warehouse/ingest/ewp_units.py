"""EWP rows to countries: G&W/EWP `ccode` + year to ISO3, historical units and collisions set aside as rejects."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from r2p.reference import map_ccodes
from r2p.warehouse.ingest.result import Problem
from r2p.warehouse.ingest.validate import Reference, is_missing, is_whole, parse_numbers

REJECT_COLUMNS = ["row_number", "column_name", "value", "message"]


@dataclass(frozen=True)
class ValueColumn:
    """One source column that becomes observations of one indicator."""

    column: str  # column of the frame holding the (text) values
    indicator_id: str
    period: int | None = None  # a fixed period (forecast files); None = the row's year
    cite: str | None = None  # the source column to name in messages, when `column` is derived


def whole_numbers(
    frame: pd.DataFrame, name: str, label: str, what: str, cite: str | None = None
) -> tuple[pd.Series, list[Problem]]:
    """A column of whole numbers (codes, years); blank or unreadable cells are problems and become <NA>."""
    values, bad = parse_numbers(frame[name])
    bad = bad | is_missing(frame[name]) | ~is_whole(values)
    problems = [Problem(label, f"is not {what}", int(row), cite or name, str(value))
                for value, row in zip(frame.loc[bad, name], frame.loc[bad, "_row"], strict=True)]
    return values.where(~bad).astype("Int64"), problems


def assign_countries(
    frame: pd.DataFrame, codes: pd.Series, years: pd.Series, reference: Reference, code_column: str,
    additive: bool = False,
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """(rows with `iso3` and `_year`, rejects): unknown codes, and historical units that collide.

    A historical unit folded into its successor (South Yemen 680 → YEM) is kept when the successor has no
    row of its own that year; where both exist (678 and 680 in 1980) the primary unit's row wins. With
    `additive` (rows that are counted, not values) every mapped row is kept.
    """
    usable = codes.notna() & years.notna()
    frame, codes, years = frame[usable], codes[usable].astype("int64"), years[usable].astype("int64")
    iso3 = reference.iso3_for_ccodes(codes, years)
    primary = map_ccodes(reference.ccodes[reference.ccodes["primary"]], codes, years).notna()
    unknown = iso3.isna()
    rejects = [_rejects(frame[unknown], code_column, codes[unknown],
                        [f"ccode {c} has no country in the G&W/EWP crosswalk for {y}; row left out"
                         for c, y in zip(codes[unknown], years[unknown], strict=True)])]
    keyed = pd.DataFrame({"iso3": iso3, "year": years, "primary": primary, "code": codes}, index=frame.index)
    keyed = keyed[~unknown]
    owners = keyed[keyed["primary"]].drop_duplicates(["iso3", "year"]).set_index(["iso3", "year"])["code"]
    keyed = keyed.join(owners.rename("owner"), on=["iso3", "year"])
    folded = ~keyed["primary"] & keyed["owner"].notna() & (not additive)
    rejects.append(_folded_rejects(frame.loc[keyed.index[folded]], keyed[folded], reference, code_column))
    kept = keyed[~folded]
    frame = frame.loc[kept.index].assign(iso3=kept["iso3"].astype("string"), _year=kept["year"])
    return frame, pd.concat([r for r in rejects if not r.empty] or [no_rejects()], ignore_index=True)


def _folded_rejects(rows: pd.DataFrame, keyed: pd.DataFrame, reference: Reference, column: str) -> pd.DataFrame:
    """Rejects for historical units whose successor has its own row that year."""
    names = keyed["code"].map(reference.ccodes.drop_duplicates("ccode").set_index("ccode")["unit_name"])
    messages = [f"ccode {c} ({n}) is a historical unit folded into {i}, which has its own row (ccode {int(o)})"
                f" for {y}; row left out" for c, n, i, o, y in
                zip(keyed["code"], names, keyed["iso3"], keyed["owner"], keyed["year"], strict=True)]
    return _rejects(rows, column, keyed["code"], messages)


def _rejects(rows: pd.DataFrame, column: str, values: pd.Series, messages: list[str]) -> pd.DataFrame:
    return pd.DataFrame({"row_number": rows["_row"].astype("int64").to_numpy(), "column_name": column,
                         "value": values.astype(str).to_numpy(), "message": messages}, columns=REJECT_COLUMNS)


def no_rejects() -> pd.DataFrame:
    return pd.DataFrame(columns=REJECT_COLUMNS)


def to_observations(
    frame: pd.DataFrame, columns: list[ValueColumn], label: str, year_column: str | None
) -> tuple[pd.DataFrame, list[Problem]]:
    """One observation per non-missing cell of each value column; unreadable numbers are problems."""
    parts, problems = [], []
    for spec in columns:
        raw = frame[spec.column]
        cited = spec.cite or spec.column
        values, bad = parse_numbers(raw)
        problems += [Problem(label, "is not a number", int(row), cited, str(value))
                     for value, row in zip(raw[bad], frame.loc[bad, "_row"], strict=True)]
        keep = ~is_missing(raw) & ~bad
        rows = frame[keep]
        parts.append(pd.DataFrame({
            "iso3": rows["iso3"].astype("string"), "indicator_id": spec.indicator_id,
            "period": rows["_year"] if spec.period is None else spec.period, "value": values[keep],
            "_row": rows["_row"], "_column": cited, "_period_column": year_column if spec.period is None else cited,
            "_id_column": cited,
        }))
    observations = pd.concat(parts, ignore_index=True) if parts else pd.DataFrame()
    if not observations.empty:
        observations = observations.astype({"period": "Int64", "value": "float64", "_row": "int64"})
    return observations, problems
