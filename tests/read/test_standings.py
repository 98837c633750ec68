"""Tier standings: the period shown, tier counts, and movers checked against the stored tier history."""

from __future__ import annotations

import pandas as pd

from r2p.read import standings
from r2p.reviews import queue as review_queue
from r2p.reviews.records import list_reviews
from r2p.tiers import current_period, tier_table
from r2p.vocabulary import INSUFFICIENT, TIERS
from r2p.warehouse import Warehouse
from r2p.warehouse.queries import query
from tests.helpers.real_warehouse import real_warehouse


def test_pick_period_keeps_a_scored_year_and_falls_back_to_the_current_one() -> None:
    assert standings.pick_period([2023, 2024, 2025], 2024, 2025) == 2024
    assert standings.pick_period([2023, 2024, 2025], 1066, 2024) == 2024  # the current period, not the latest
    assert standings.pick_period([2023, 2025], None, 2025) == 2025
    assert standings.pick_period([], 2024, None) is None


def test_moves_are_up_when_risk_rises_and_insufficient_data_is_neither() -> None:
    moved = pd.DataFrame({"iso3": ["AAA", "BBB", "CCC", "DDD"],
                          "from_tier": ["Low", "Very high", INSUFFICIENT, "Moderate"],
                          "to_tier": ["High", "Elevated", "Low", "Elevated"]})
    classified = standings.classify_moves(moved)
    assert list(classified["iso3"]) == ["AAA", "DDD", "BBB", "CCC"]  # furthest rise first
    assert list(classified["direction"]) == ["up", "up", "down", "changed"]


def test_classifying_no_moves_gives_an_empty_frame_with_a_direction() -> None:
    empty = standings.classify_moves(pd.DataFrame(columns=["iso3", "from_tier", "to_tier"]))
    assert empty.empty and "direction" in empty.columns


def test_tier_counts_list_every_tier_and_insufficient_data_last() -> None:
    counts = standings.tier_counts(pd.DataFrame({"tier": ["Low", "Low", INSUFFICIENT, "High"]}))
    assert list(counts) == [*TIERS, INSUFFICIENT]
    assert counts == {"Very high": 0, "High": 1, "Elevated": 0, "Moderate": 0, "Low": 2, INSUFFICIENT: 1}


def test_tier_counts_add_up_to_the_tier_table(warehouse: Warehouse) -> None:
    table = tier_table(warehouse, "composite-1")
    assert sum(standings.tier_counts(table).values()) == len(table) > 150


def test_movers_match_the_tier_history_computed_by_hand(warehouse: Warehouse) -> None:
    history = query(warehouse, "read/tier_history_all", {"method_version": "composite-1"})
    latest = int(history["period"].max())
    before = history[history["period"] == latest - 1].set_index("iso3")["tier"]
    now = history[history["period"] == latest].set_index("iso3")["tier"]
    expected = {(iso3, before[iso3], tier) for iso3, tier in now.items() if iso3 in before and before[iso3] != tier}
    movers = standings.tier_movers(warehouse, "composite-1", latest)
    assert set(zip(movers["iso3"], movers["from_tier"], movers["to_tier"], strict=True)) == expected
    assert expected, "the demo data should move some countries"
    ranks = {tier: position for position, tier in enumerate(TIERS)}
    for row in movers.itertuples():
        if row.direction == "up":
            assert ranks[row.to_tier] < ranks[row.from_tier]
        elif row.direction == "down":
            assert ranks[row.to_tier] > ranks[row.from_tier]


def test_scored_periods_are_listed_latest_first(warehouse: Warehouse) -> None:
    periods = list(standings.scored_periods(warehouse, "ewp-1")["period"])
    assert periods == sorted(periods, reverse=True) and len(periods) > 10
    assert standings.scored_periods(warehouse, "nothing-1").empty


def test_most_at_stake_is_the_highest_tier_then_the_most_reviews_waiting_then_the_score() -> None:
    tiers = pd.DataFrame({"iso3": ["AAA", "BBB", "CCC", "DDD"], "score": [9.9, 5.0, 4.0, 6.0],
                          "tier": [INSUFFICIENT, "High", "Very high", "High"]})
    assert standings.most_at_stake(tiers) == "CCC"  # Insufficient data's high score does not count
    without_very_high = tiers[tiers["iso3"] != "CCC"]
    assert standings.most_at_stake(without_very_high) == "DDD"
    assert standings.most_at_stake(without_very_high, pd.DataFrame({"iso3": ["BBB"]})) == "BBB"
    assert standings.most_at_stake(tiers.iloc[0:0]) is None


def test_on_real_data_most_at_stake_is_a_highest_tier_country_not_the_first_by_name() -> None:
    real = Warehouse(str(real_warehouse()))
    for method in ("composite-1", "ensemble-1"):
        tiers = tier_table(real, method, current_period(real, method))
        waiting = review_queue.pending(list_reviews(real, review_queue.today()))
        chosen = standings.most_at_stake(tiers, waiting)
        top_tier = next(tier for tier in TIERS if (tiers["tier"] == tier).any())
        assert tiers.set_index("iso3").at[chosen, "tier"] == top_tier
