"""What changed for a country since a date: tier moves, assessments, engagements started or ended, reviews."""

from __future__ import annotations

from collections.abc import Collection
from datetime import date

import pandas as pd

MOVE_COLUMNS = ["period", "from_tier", "to_tier", "from_score", "to_score"]


def tier_moves(history: pd.DataFrame, since: date) -> pd.DataFrame:
    """The model tier's changes in scored years from `since`'s year on (a year's tier covers that whole year).

    history: period, score, tier (as `profile.tier_history`). Returns period, from_tier, to_tier, from_score,
    to_score, oldest first."""
    scored = history.dropna(subset=["tier"]).sort_values("period")
    steps = pd.DataFrame({"period": scored["period"], "from_tier": scored["tier"].shift(),
                          "to_tier": scored["tier"], "from_score": scored["score"].shift(),
                          "to_score": scored["score"]})
    moved = steps["from_tier"].notna() & (steps["from_tier"] != steps["to_tier"]) & (steps["period"] >= since.year)
    return steps[moved].reset_index(drop=True)[MOVE_COLUMNS]


def assessments_since(history: pd.DataFrame, since: date) -> pd.DataFrame:
    """Analyst assessments recorded on or after `since`: period, assessed_tier, assessed_by, assessed_at,
    assessed_rationale (the latest one of each period, as the history holds them)."""
    recorded = pd.to_datetime(history["assessed_at"])
    kept = history[recorded.notna() & (recorded >= pd.Timestamp(since))]
    columns = ["period", "assessed_tier", "assessed_by", "assessed_at", "assessed_rationale"]
    return kept.sort_values("period")[columns].reset_index(drop=True)


def engagements_started(view: pd.DataFrame, situation_ids: Collection[str], since: date,
                        today: date) -> pd.DataFrame:
    """Engagements on the situations that started between `since` and `today` (engagement_view rows)."""
    mine = view[view["situation_id"].isin(list(situation_ids))]
    started = mine["started"].between(pd.Timestamp(since), pd.Timestamp(today))
    return mine[started].sort_values("started").reset_index(drop=True)


def engagements_ended(view: pd.DataFrame, situation_ids: Collection[str], since: date, today: date) -> pd.DataFrame:
    """Engagements on the situations whose last active day (end, or the actor's dissolution) fell between
    `since` and `today`."""
    mine = view[view["situation_id"].isin(list(situation_ids))]
    ended = mine["until"].notna() & mine["until"].between(pd.Timestamp(since), pd.Timestamp(today))
    return mine[ended].sort_values("until").reset_index(drop=True)


def reviews_opened(reviews: pd.DataFrame, iso3: str, since: date) -> pd.DataFrame:
    """The country's reviews opened on or after `since`, oldest first."""
    mine = reviews[(reviews["iso3"] == iso3) & (pd.to_datetime(reviews["opened_at"]) >= pd.Timestamp(since))]
    return mine.sort_values(["opened_at", "review_id"]).reset_index(drop=True)


def reviews_decided(reviews: pd.DataFrame, iso3: str, since: date) -> pd.DataFrame:
    """The country's reviews decided on or after `since`, oldest decision first."""
    decided_at = pd.to_datetime(reviews["decided_at"])
    mine = reviews[(reviews["iso3"] == iso3) & decided_at.notna() & (decided_at >= pd.Timestamp(since))]
    return mine.sort_values(["decided_at", "review_id"]).reset_index(drop=True)
