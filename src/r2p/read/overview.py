"""What the Overview's first screen states in one line: countries per tier, movers, reviews waiting, high-risk
situations with nobody engaged, and how current the data is; and the engagement gaps (the Engagement page's too)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import pandas as pd

from r2p.engagement.analysis import NO_TIER
from r2p.read.standings import CHANGED, DOWN, UP, tier_counts
from r2p.vocabulary import HIGH_OR_ABOVE, TIERS, tier_rank
from r2p.warehouse.queries import query
from r2p.warehouse.store import Warehouse

GAP_MONTHS = 12  # the "no new engagement" window the Engagement page opens with
GAPS = ("nobody", "stale")  # the `gap` of each list's rows in read/engagement_gaps.sql


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
    reviews waiting; unengaged: the first of `engagement_gaps` (name per situation)."""
    moves = movers["direction"].value_counts()
    return Summary(tier_counts(tiers), int(moves.get(UP, 0)), int(moves.get(DOWN, 0)), int(moves.get(CHANGED, 0)),
                   int(review_counts.get("open", 0)), int(review_counts.get("overdue", 0)),
                   tuple(unengaged["name"]), as_of)


def engagement_gaps(warehouse: Warehouse, method_version: str, period: int | None, as_of: date,
                    months: int | None = None) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The two gap lists on the date, under the method version's model tiers for the period, each worst tier first
    (rules in read/engagement_gaps.sql):

    - "High risk, nobody engaged": situations at High or above with no engagement active on the date; without any
      tier for the period, every situation with no active engagement;
    - "High risk, no new engagement in `months` months": situations at High or above with some engagement active
      but none started in the window ending on the date (empty without tiers, or without `months`).

    Columns of both: situation_id, name, tier, active (engagements active on the date), last_started (the latest
    engagement started by the date).
    """
    rows = query(warehouse, "read/engagement_gaps", {
        "method_version": method_version, "period": period, "as_of": as_of, "months": months, "tiers": list(TIERS),
        "high": sorted(tier_rank(tier) for tier in HIGH_OR_ABOVE), "no_tier": NO_TIER})
    rows = rows.astype({"situation_id": "str", "name": "str", "tier": "str"})  # text, also when no row is left
    nobody, stale = (rows[rows["gap"] == gap].drop(columns="gap").reset_index(drop=True) for gap in GAPS)
    return nobody, stale
