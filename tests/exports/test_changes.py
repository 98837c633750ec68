"""What changed since a date: pure functions over the tier history, the engagement view and the reviews."""

from __future__ import annotations

from datetime import date

import pandas as pd

from r2p.exports import changes

HISTORY = pd.DataFrame({
    "period": [2021, 2022, 2023, 2024, 2025],
    "score": [2.0, 4.1, 4.2, None, 5.3],
    "tier": ["Low", "Elevated", "Elevated", None, "High"],
    "assessed_tier": [None, None, "High", None, "Very high"],
    "assessed_by": [None, None, "A", None, "B"],
    "assessed_at": pd.to_datetime([None, None, "2024-01-10", None, "2026-03-01"]),
    "assessed_rationale": [None, None, "x", None, "y"],
})


def test_tier_moves_count_scored_years_from_the_since_year_and_skip_unscored_years() -> None:
    moves = changes.tier_moves(HISTORY, date(2022, 6, 1))
    assert moves[["period", "from_tier", "to_tier"]].values.tolist() == [[2022, "Low", "Elevated"],
                                                                         [2025, "Elevated", "High"]]
    assert changes.tier_moves(HISTORY, date(2026, 1, 1)).empty


def test_only_assessments_recorded_since_the_date_are_listed() -> None:
    assert changes.assessments_since(HISTORY, date(2025, 1, 1))["assessed_tier"].tolist() == ["Very high"]


def test_engagements_started_and_ended_in_the_window_on_the_situations_only() -> None:
    view = pd.DataFrame({"situation_id": ["sdn", "sdn", "sdn", "mmr"],
                         "started": pd.to_datetime(["2024-05-01", "2020-01-01", "2026-12-01", "2025-01-01"]),
                         "until": pd.to_datetime([None, "2025-03-31", None, None])})
    started = changes.engagements_started(view, ["sdn"], date(2024, 1, 1), date(2026, 11, 23))
    ended = changes.engagements_ended(view, ["sdn"], date(2024, 1, 1), date(2026, 11, 23))
    assert started["started"].dt.date.tolist() == [date(2024, 5, 1)]  # not the future one, not Myanmar's
    assert ended["until"].dt.date.tolist() == [date(2025, 3, 31)]


def test_reviews_opened_and_decided_since_the_date() -> None:
    reviews = pd.DataFrame({"review_id": [1, 2, 3], "iso3": ["SDN", "SDN", "MMR"],
                            "opened_at": pd.to_datetime(["2024-01-01", "2026-02-01", "2026-02-01"]),
                            "decided_at": pd.to_datetime(["2026-03-01", None, "2026-03-01"])})
    assert changes.reviews_opened(reviews, "SDN", date(2025, 1, 1))["review_id"].tolist() == [2]
    assert changes.reviews_decided(reviews, "SDN", date(2025, 1, 1))["review_id"].tolist() == [1]


def test_moves_keep_the_history_dtypes_in_period_order_whatever_order_it_comes_in() -> None:
    shuffled = HISTORY.iloc[[4, 0, 2, 1, 3]]
    moves = changes.tier_moves(shuffled, date(2020, 1, 1))
    assert moves.values.tolist() == [[2022, "Low", "Elevated", 2.0, 4.1], [2025, "Elevated", "High", 4.2, 5.3]]
    assert list(moves.index) == [0, 1]
    assert moves.dtypes.tolist() == [HISTORY[c].dtype for c in ("period", "tier", "tier", "score", "score")]
    none = changes.tier_moves(HISTORY.iloc[0:0], date(2020, 1, 1))
    assert list(none.columns) == changes.MOVE_COLUMNS and none.empty


def test_reviews_since_the_date_are_the_countrys_by_date_then_id() -> None:
    reviews = pd.DataFrame({"review_id": [7, 3, 5, 9], "iso3": ["SDN", "SDN", "MMR", "SDN"],
                            "opened_at": pd.to_datetime(["2025-02-01", "2025-02-01", "2025-03-01", "2023-01-01"]),
                            "decided_at": pd.to_datetime([None, "2025-04-02", "2025-04-01", "2025-01-05"])})
    assert changes.reviews_opened(reviews, "SDN", date(2024, 1, 1))["review_id"].tolist() == [3, 7]
    assert changes.reviews_decided(reviews, "SDN", date(2025, 1, 1))["review_id"].tolist() == [9, 3]
