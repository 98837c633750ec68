"""The review queue as people work it: overdue first, then open, then decided; filtered by state and rule."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, date, datetime

import pandas as pd

STATES = ("overdue", "open", "decided")


def today() -> date:
    """Review due dates are compared with today's date in UTC, as `r2p reviews` does."""
    return datetime.now(UTC).date()


def queue_order(reviews: pd.DataFrame) -> pd.DataFrame:
    """Overdue (oldest due first), then open (soonest due first), then decided (latest decision first)."""
    if reviews.empty:
        return reviews.reset_index(drop=True)  # nothing to order (most countries' briefings: no review waits)
    rank = reviews["state"].map({state: position for position, state in enumerate(STATES)})
    due = pd.to_datetime(reviews["due_date"])
    decided_at = pd.to_datetime(reviews["decided_at"])
    ordered = reviews.assign(_rank=rank, _due=due, _decided=-decided_at.astype("int64").where(decided_at.notna(), 0))
    ordered = ordered.sort_values(["_rank", "_due", "_decided", "review_id"], na_position="last")
    return ordered.drop(columns=["_rank", "_due", "_decided"]).reset_index(drop=True)


def filter_reviews(reviews: pd.DataFrame, states: Sequence[str] = (), rules: Sequence[str] = (),
                   iso3: str | None = None) -> pd.DataFrame:
    """Reviews in any of `states` and `rules` (empty = all), for one country if given, in queue order."""
    keep = pd.Series(True, index=reviews.index)
    if states:
        keep &= reviews["state"].isin(list(states))
    if rules:
        keep &= reviews["rule_id"].isin(list(rules))
    if iso3:
        keep &= reviews["iso3"] == iso3
    return queue_order(reviews[keep])


def pending(reviews: pd.DataFrame) -> pd.DataFrame:
    """Reviews still waiting for a decision (open or overdue), overdue first."""
    return filter_reviews(reviews, states=("overdue", "open"))


def state_counts(reviews: pd.DataFrame) -> dict[str, int]:
    """How many reviews are in each state, in queue order."""
    counted = reviews["state"].value_counts()
    return {state: int(counted.get(state, 0)) for state in STATES}
