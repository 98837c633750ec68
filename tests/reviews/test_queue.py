"""The review queue: overdue first, then open, then decided; filters by state, rule and country."""

from __future__ import annotations

from datetime import date

import pandas as pd

from r2p.reviews import queue as review_queue

REVIEWS = pd.DataFrame({
    "review_id": [1, 2, 3, 4, 5],
    "iso3": ["SDN", "MMR", "SDN", "ETH", "MMR"],
    "rule_id": ["tier-rise", "fatality-spike", "tier-rise", "tier-rise", "civilian-spike"],
    "due_date": pd.to_datetime(["2026-01-10", "2026-01-05", "2026-03-01", "2026-02-01", "2026-01-01"]),
    "decided_at": pd.to_datetime([None, None, None, "2026-01-03", "2026-01-04"]),
    "state": ["overdue", "overdue", "open", "decided", "decided"],
})


def test_overdue_come_first_oldest_due_first_then_open_then_latest_decisions() -> None:
    assert list(review_queue.queue_order(REVIEWS)["review_id"]) == [2, 1, 3, 5, 4]


def test_filters_by_state_rule_and_country() -> None:
    assert list(review_queue.filter_reviews(REVIEWS, states=["open"])["review_id"]) == [3]
    assert list(review_queue.filter_reviews(REVIEWS, rules=["tier-rise"])["review_id"]) == [1, 3, 4]
    assert list(review_queue.filter_reviews(REVIEWS, iso3="MMR")["review_id"]) == [2, 5]
    assert len(review_queue.filter_reviews(REVIEWS)) == 5  # no filter: everything


def test_pending_are_the_undecided_and_counts_follow_the_queue() -> None:
    assert list(review_queue.pending(REVIEWS)["review_id"]) == [2, 1, 3]
    assert review_queue.state_counts(REVIEWS) == {"overdue": 2, "open": 1, "decided": 2}


def test_today_is_a_date() -> None:
    assert isinstance(review_queue.today(), date)


def test_nothing_waiting_is_an_empty_queue_with_the_reviews_columns() -> None:
    nothing = review_queue.pending(REVIEWS[REVIEWS["iso3"] == "NOR"])
    pd.testing.assert_frame_equal(nothing, REVIEWS.iloc[0:0].reset_index(drop=True))
    assert nothing.index.equals(pd.RangeIndex(0)) and list(review_queue.filter_reviews(REVIEWS, iso3="NOR")) == list(
        REVIEWS.columns)
