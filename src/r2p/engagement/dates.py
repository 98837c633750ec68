"""Dates known to a day, a month or a year: "2013" is stored as 2013-01-01 with precision "year"."""

from __future__ import annotations

import re
from datetime import date

import pandas as pd

_PARTIAL = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")


def parse_partial_date(text: str) -> tuple[date, str]:
    """(first day, precision) of "YYYY", "YYYY-MM" or "YYYY-MM-DD"; ValueError for anything else."""
    match = _PARTIAL.match(text.strip())
    if not match:
        raise ValueError(text)
    year, month, day = match.groups()
    value = date(int(year), int(month or 1), int(day or 1))  # raises ValueError for 2023-02-30
    return value, "day" if day else "month" if month else "year"


def format_partial_date(value: object, precision: object) -> str:
    """The inverse of parse_partial_date; "" for a missing date."""
    if value is None or pd.isna(value):
        return ""
    text = pd.Timestamp(value).strftime("%Y-%m-%d")
    return {"year": text[:4], "month": text[:7]}.get(str(precision), text)


def period_end(values: pd.Series, precisions: pd.Series) -> pd.Series:
    """The last day a partial date can mean: 2025 (year) -> 2025-12-31; NaT stays NaT."""
    values = pd.to_datetime(values)
    year_end = values + pd.offsets.YearEnd(0)
    month_end = values + pd.offsets.MonthEnd(0)
    ends = values.where(precisions != "year", year_end)
    return ends.where(precisions != "month", month_end)


def as_timestamp(value: date | pd.Timestamp | str) -> pd.Timestamp:
    return pd.Timestamp(value).normalize()
