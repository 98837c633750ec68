"""Provenance: which sources stand behind what a chart, table or pack shows, how current they are, which tier
method scored it, and whether it is demo data. One type, carried from the page to every export."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd


@dataclass(frozen=True)
class Provenance:
    """What every figure, table and pack states about its data: sources, as-of, tier method version, DEMO."""

    sources: str = ""
    as_of: object = None
    method_version: str = ""
    is_demo: bool = False


def of_rows(rows: pd.DataFrame, sources: pd.DataFrame, is_demo: bool, method_version: str = "") -> Provenance:
    """Provenance of `rows` (column source_name; empty ones skipped): their source names, joined, and the latest
    as-of date among those sources (sources: name, as_of); 'no data' and no date when there are none."""
    names = list(dict.fromkeys(rows["source_name"].dropna()))
    as_of = sources.loc[sources["name"].isin(names), "as_of"].max() if names else None
    return Provenance(", ".join(names) or "no data", as_of, method_version, is_demo)


def of_values(values: pd.DataFrame, is_demo: bool) -> Provenance:
    """Provenance of indicator values that carry their own source_name and as_of columns."""
    names = ", ".join(dict.fromkeys(values["source_name"].dropna())) or "no data"
    return Provenance(names, values["as_of"].max() if len(values) else None, "", is_demo)


def of_scores(method_version: str, sources: pd.DataFrame, is_demo: bool) -> Provenance:
    """Provenance of a tier figure or table: the method version and every source it scores from."""
    named = ", ".join(sources["name"]) or "no loaded source"
    return Provenance(f"{method_version} scores from {named}", sources["as_of"].max() if len(sources) else None,
                      method_version, is_demo)

