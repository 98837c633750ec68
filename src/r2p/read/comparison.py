"""Trends across countries: several indicators for several countries, each beside its UN sub-region's median."""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd

from r2p.warehouse.queries import query
from r2p.warehouse.store import Warehouse

MAX_COUNTRIES = 8  # one colour each from a colour-blind-safe palette
MAX_INDICATORS = 6


def compare_series(warehouse: Warehouse, indicator_ids: Sequence[str], iso3s: Sequence[str]) -> pd.DataFrame:
    """Long form: indicator_id, indicator_name, unit, kind ('country' | 'median'), iso3, line (country name or
    '<sub-region> median'), un_subregion, period, value, source_name, is_demo (median rows carry no source)."""
    return query(warehouse, "read/compare_series", {"indicator_ids": list(indicator_ids), "iso3s": list(iso3s)})


def holds_values(series: pd.DataFrame) -> bool:
    """Whether any chosen country has a value (sub-region medians alone are not worth a chart)."""
    return bool((series["kind"] == "country").any())
