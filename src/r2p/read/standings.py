"""Where countries stand on a tier method in one period, and whose tier moved since the previous period."""

from __future__ import annotations

from collections.abc import Iterable

import pandas as pd

from r2p.vocabulary import INSUFFICIENT, TIERS, tier_rank
from r2p.warehouse.queries import query
from r2p.warehouse.store import Warehouse

UP, DOWN, CHANGED = "up", "down", "changed"


def scored_periods(warehouse: Warehouse, method_version: str) -> pd.DataFrame:
    """period: every period the method version has scores for, latest first."""
    return query(warehouse, "read/scored_periods", {"method_version": method_version})


def pick_period(periods: Iterable[int], wanted: int | None, current: int | None) -> int | None:
    """The wanted period when it was scored, else the method's `current` one (r2p.tiers.current_period, the one
    door for it); None when nothing was scored."""
    available = {int(p) for p in periods}
    if not available:
        return None
    return int(wanted) if wanted is not None and int(wanted) in available else current


def tier_movers(warehouse: Warehouse, method_version: str, period: int) -> pd.DataFrame:
    """Countries whose model tier changed from the previous period: iso3, name, from_tier, to_tier, from_score,
    to_score, period, method_version, direction (up = riskier, down, changed = to or from Insufficient data)."""
    moved = query(warehouse, "read/tier_movers", {"method_version": method_version, "period": period})
    return classify_moves(moved)


def classify_moves(moved: pd.DataFrame) -> pd.DataFrame:
    """Add `direction`; risers first (furthest rise first), then fallers, then moves to or from Insufficient data."""
    before = pd.to_numeric(moved["from_tier"].map(tier_rank), errors="coerce")
    after = pd.to_numeric(moved["to_tier"].map(tier_rank), errors="coerce")
    steps = before - after  # rank 1 is Very high: a positive step is a rise in risk
    direction = pd.Series(CHANGED, index=moved.index, dtype="object")
    direction[steps > 0] = UP
    direction[steps < 0] = DOWN
    ordered = moved.assign(direction=direction, _order=direction.map({UP: 0, DOWN: 1, CHANGED: 2}),
                           _steps=steps.abs().fillna(0))
    ordered = ordered.sort_values(["_order", "_steps", "iso3"], ascending=[True, False, True])
    return ordered.drop(columns=["_order", "_steps"]).reset_index(drop=True)


def tier_counts(tiers: pd.DataFrame) -> dict[str, int]:
    """How many countries sit in each tier, highest first, Insufficient data last (zeros included)."""
    counted = tiers["tier"].value_counts()
    return {tier: int(counted.get(tier, 0)) for tier in (*TIERS, INSUFFICIENT)}


def most_at_stake(tiers: pd.DataFrame, waiting: pd.DataFrame | None = None) -> str | None:
    """The country a view opens on: the highest model tier (Insufficient data and unscored last), then the most
    reviews waiting for a decision (`waiting`: iso3 per open or overdue review), then the highest score. None
    when nothing is scored. The one door for the default of Country, Meeting prep and every shared view."""
    if tiers.empty:
        return None
    reviews = waiting["iso3"].value_counts() if waiting is not None and len(waiting) else pd.Series(dtype=int)
    ranked = tiers.assign(_rank=pd.to_numeric(tiers["tier"].map(tier_rank), errors="coerce").fillna(len(TIERS) + 1),
                          _waiting=tiers["iso3"].map(reviews).fillna(0))
    ranked = ranked.sort_values(["_rank", "_waiting", "score", "iso3"], ascending=[True, False, False, True],
                                na_position="last")
    return str(ranked["iso3"].iloc[0])
