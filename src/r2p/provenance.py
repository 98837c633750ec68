"""Which sources stand behind the rows a figure shows, and how current they are."""

from __future__ import annotations

import pandas as pd


def sources_as_of(rows: pd.DataFrame, sources: pd.DataFrame) -> tuple[str, object]:
    """The names of the sources behind `rows` (column source_name; empty ones skipped) and the latest as-of date
    among them (sources: name, as_of) — 'no data' and None when there are none."""
    names = list(dict.fromkeys(rows["source_name"].dropna()))
    as_of = sources.loc[sources["name"].isin(names), "as_of"].max() if names else None
    return ", ".join(names) or "no data", as_of
