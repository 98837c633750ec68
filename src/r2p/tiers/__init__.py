"""Risk tiers: broad, colour-coded levels that a versioned method assigns from the indicators."""

from __future__ import annotations

import pandas as pd

from r2p.tiers.current import current_period
from r2p.warehouse.queries import query
from r2p.warehouse.store import Warehouse

__all__ = ["current_period", "current_tiers", "scored_methods", "tier_table"]


def current_tiers(warehouse: Warehouse, method_version: str) -> pd.DataFrame:
    """The current period's model tiers (`current_period`) for a method version, with the analyst's assessed tier
    beside them.

    Columns: iso3, name, period, method_version, score, tier, coverage, assessed_tier, assessed_rationale,
    assessed_by, assessed_at. Empty when the method has not been scored yet.
    """
    period = current_period(warehouse, method_version)
    return query(warehouse, "read/current_tiers", {"method_version": method_version, "period": period})


def tier_table(warehouse: Warehouse, method_version: str, period: int | None = None) -> pd.DataFrame:
    """One period (default: the current one, `current_period`) of a method version: iso3, name, period,
    method_version, score, tier, coverage, stale_share, assessed_tier, assessed_by — highest score first."""
    if period is None:
        period = current_period(warehouse, method_version)
    return query(warehouse, "read/tier_table", {"method_version": method_version, "period": period})


def scored_methods(warehouse: Warehouse) -> list[str]:
    """The version labels of the tier methods with stored scores (what resolve_method may default to)."""
    return list(query(warehouse, "read/scored_methods")["method_version"])
