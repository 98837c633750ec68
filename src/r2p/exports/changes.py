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
    scored = sorted((period, row) for row, (period, tier) in enumerate(
        zip(history["period"].tolist(), history["tier"].tolist(), strict=True)) if not pd.isna(tier))
    tiers = history["tier"].tolist()
    steps = [(before, row) for (_, before), (period, row) in zip(scored, scored[1:], strict=False)
             if tiers[before] != tiers[row] and period >= since.year]
    before, after = [step[0] for step in steps], [step[1] for step in steps]
    return pd.DataFrame({"period": _rows(history["period"], after), "from_tier": _rows(history["tier"], before),
                         "to_tier": _rows(history["tier"], after), "from_score": _rows(history["score"], before),
                         "to_score": _rows(history["score"], after)})


def assessments_since(history: pd.DataFrame, since: date) -> pd.DataFrame:
    """Analyst assessments recorded on or after `since`: period, assessed_tier, assessed_by, assessed_at,
    assessed_rationale (the latest one of each period, as the history holds them)."""
    kept = _on_or_after(history["assessed_at"], pd.Timestamp(since))
    periods = history["period"].tolist()
    columns = ["period", "assessed_tier", "assessed_by", "assessed_at", "assessed_rationale"]
    return history[columns].take(sorted(kept, key=periods.__getitem__)).reset_index(drop=True)


def engagements_started(view: pd.DataFrame, situation_ids: Collection[str], since: date,
                        today: date) -> pd.DataFrame:
    """Engagements on the situations that started between `since` and `today` (engagement_view rows)."""
    return _between(view, "started", situation_ids, since, today)


def engagements_ended(view: pd.DataFrame, situation_ids: Collection[str], since: date, today: date) -> pd.DataFrame:
    """Engagements on the situations whose last active day (end, or the actor's dissolution) fell between
    `since` and `today`."""
    return _between(view, "until", situation_ids, since, today)


def reviews_opened(reviews: pd.DataFrame, iso3: str, since: date) -> pd.DataFrame:
    """The country's reviews opened on or after `since`, oldest first."""
    return _reviews_since(reviews, "opened_at", iso3, since)


def reviews_decided(reviews: pd.DataFrame, iso3: str, since: date) -> pd.DataFrame:
    """The country's reviews decided on or after `since`, oldest decision first."""
    return _reviews_since(reviews, "decided_at", iso3, since)


# NOTE: the rows are picked over plain lists and taken from the frame in one step, which keeps every column's
# dtype; a briefing's frames hold tens of rows, where each pandas filter, shift and sort cost more than the work
# (about 9 ms of CPU per briefing through pandas, 2 through lists, on the scale-1 bench).


def _rows(column: pd.Series, rows: list[int]) -> pd.Series:
    return column.take(rows).reset_index(drop=True)


def _on_or_after(values: pd.Series, start: pd.Timestamp) -> list[int]:
    """Positions of the dates (missing ones skipped) on or after `start`."""
    return [row for row, value in enumerate(pd.to_datetime(values).tolist()) if not pd.isna(value) and value >= start]


def _between(view: pd.DataFrame, column: str, situation_ids: Collection[str], since: date,
             today: date) -> pd.DataFrame:
    """The view's rows on the situations whose `column` date falls between the two dates (both included), by it."""
    wanted, first, last = set(situation_ids), pd.Timestamp(since), pd.Timestamp(today)
    rows = [row for row, (situation_id, day) in enumerate(zip(view["situation_id"].tolist(),
                                                                view[column].tolist(), strict=True))
            if situation_id in wanted and not pd.isna(day) and first <= day <= last]
    return view.take(rows).sort_values(column).reset_index(drop=True)


def _reviews_since(reviews: pd.DataFrame, column: str, iso3: str, since: date) -> pd.DataFrame:
    """The country's reviews whose `column` date is on or after `since`, by it and then by id."""
    iso3s = reviews["iso3"].tolist()
    rows = [row for row in _on_or_after(reviews[column], pd.Timestamp(since)) if iso3s[row] == iso3]
    return reviews.take(rows).sort_values([column, "review_id"]).reset_index(drop=True)
