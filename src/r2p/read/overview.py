"""What the Overview's first screen states in one line: countries per tier, movers, reviews waiting, high-risk
situations with nobody engaged, and how current the data is."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import pandas as pd

from r2p.engagement.analysis import NO_TIER
from r2p.read.standings import CHANGED, DOWN, UP, tier_counts
from r2p.vocabulary import HIGH_OR_ABOVE, TIERS, tier_rank
from r2p.warehouse.queries import query
from r2p.warehouse.store import Warehouse


@dataclass(frozen=True)
class Summary:
    """The summary strip above the Overview's map."""

    tiers: dict[str, int]  # tier -> countries, highest first, Insufficient data last
    risers: int
    fallers: int
    changed: int  # to or from Insufficient data
    open: int
    overdue: int
    unengaged: tuple[str, ...]  # "High risk, nobody engaged": situation names, worst tier first
    as_of: object  # the newest as-of date among the sources the tiers score from

    @property
    def movers(self) -> int:
        return self.risers + self.fallers + self.changed


def summarise(tiers: pd.DataFrame, movers: pd.DataFrame, review_counts: dict[str, int],
              unengaged: pd.DataFrame, as_of: object) -> Summary:
    """tiers: a tier table; movers: standings.tier_movers; review_counts: reviews.queue.state_counts of the
    reviews waiting; unengaged: engagement.analysis.unengaged (name per situation)."""
    moves = movers["direction"].value_counts()
    return Summary(tier_counts(tiers), int(moves.get(UP, 0)), int(moves.get(DOWN, 0)), int(moves.get(CHANGED, 0)),
                   int(review_counts.get("open", 0)), int(review_counts.get("overdue", 0)),
                   tuple(unengaged["name"]), as_of)


def unengaged(warehouse: Warehouse, method_version: str, period: int | None, as_of: date) -> pd.DataFrame:
    """engagement.analysis.unengaged over the warehouse's registry and the method version's tier table for the
    period, in one read: situation_id, name, tier, active (0), last_started — the same rows, order and dtypes."""
    # NOTE: the registry and tier table through pandas cost about 28 ms of CPU per call on the scale-1 bench
    # (four reads, merges, partial-date ends); the one query does the same in SQL. tests/read/test_overview.py
    # pins it to analysis.unengaged, which the Engagement page still uses over the registry it has loaded.
    rows = query(warehouse, "read/unengaged_situations", {
        "method_version": method_version, "period": period, "as_of": as_of, "tiers": list(TIERS),
        "high": sorted(tier_rank(tier) for tier in HIGH_OR_ABOVE), "no_tier": NO_TIER})
    return rows.astype({"situation_id": "str", "name": "str", "tier": "str"})  # text, also when no row is left
