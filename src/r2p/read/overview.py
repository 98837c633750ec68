"""What the Overview's first screen states in one line: countries per tier, movers, reviews waiting, high-risk
situations with nobody engaged, and how current the data is."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from r2p.read.standings import CHANGED, DOWN, UP, tier_counts


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
