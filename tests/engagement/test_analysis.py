"""Pure questions over the registry: active on a date, tiers of situations, filters and gaps."""

from __future__ import annotations

from datetime import date

import pandas as pd
import pytest

from r2p.engagement.analysis import (
    NO_TIER,
    EngagementFilter,
    active_on,
    engagement_dates,
    engagement_view,
    filtered,
    is_active,
    no_new_engagement,
    related_situations,
    situation_tier,
    situation_tiers,
    situations_for_country,
    status_on,
    unengaged,
)
from r2p.engagement.registry import Registry, country_list
from tests.helpers.engagement import tiers

TODAY = date(2026, 11, 23)


def _active(registry: Registry, day: date) -> set[int]:
    view = engagement_view(registry)
    return set(view[active_on(view, day)]["engagement_id"])


def test_active_means_started_not_ended_and_actor_not_dissolved(registry: Registry) -> None:
    assert _active(registry, TODAY) == {1, 2, 3}
    assert _active(registry, date(2026, 10, 1)) == {1, 2, 3, 6}  # a one-day resolution is active on its day
    assert 5 in _active(registry, date(2005, 1, 1))  # no end date, but its actor was dissolved in 2010
    assert 5 not in _active(registry, date(2010, 7, 1))


def test_one_engagement_is_active_exactly_where_active_on_says(registry: Registry) -> None:
    view = engagement_view(registry)
    for day in (TODAY, date(2026, 10, 1), date(2005, 1, 1), date(2010, 7, 1), date(2020, 5, 31), date(2020, 6, 1)):
        one_by_one = [is_active(started, until, pd.Timestamp(day)) for started, until in
                      zip(view["started"].tolist(), view["until"].tolist(), strict=True)]
        assert one_by_one == active_on(view, day).tolist()


def test_partial_dates_are_read_leniently(registry: Registry) -> None:
    assert 7 in _active(registry, date(2020, 5, 31))  # "2020-05" may mean any day of May 2020
    assert 7 not in _active(registry, date(2020, 6, 1))


def test_status_on_a_date(registry: Registry) -> None:
    view = engagement_view(registry).set_index("engagement_id", drop=False)
    status = status_on(view, date(2026, 9, 1))
    assert (status[1], status[5], status[6]) == ("active", "ended", "not started yet")


def test_a_situation_takes_the_highest_tier_among_its_countries(registry: Registry) -> None:
    ranked = situation_tiers(registry.situations, tiers(MLI="High", BFA="Very high", SDN="Low")).set_index(
        "situation_id")
    assert ranked.at["sahel", "tier"] == "Very high" and ranked.at["sdn", "tier"] == "Low"
    assert ranked.at["tcd", "tier"] == NO_TIER and ranked.at["tcd", "tier_rank"] == 6
    held = tiers(MLI="High", BFA="Very high", SDN="Low")
    assert [situation_tier(countries, held) for countries in registry.situations["countries"]] == \
        situation_tiers(registry.situations, held)["tier"].tolist()


def test_without_tiers_every_situation_with_no_active_engagement_is_unengaged(registry: Registry) -> None:
    assert set(unengaged(registry, tiers(), TODAY)["situation_id"]) == {"sdn-darfur", "ssd", "tcd", "sahel"}
    assert no_new_engagement(registry, tiers(), TODAY, 12).empty  # which situations are high risk is unknown


def test_the_two_gap_lists_measure_different_things_worst_first(registry: Registry) -> None:
    ranked = tiers(SDN="Very high", SSD="High", TCD="Low", MLI="High")
    nobody = unengaged(registry, ranked, TODAY)
    assert list(nobody["situation_id"]) == ["sdn-darfur", "sahel", "ssd"]
    assert set(nobody["active"]) == {0}
    stale = no_new_engagement(registry, ranked, TODAY, 12)
    assert list(stale["situation_id"]) == ["sdn"]  # engaged (3 active), but nothing started since 2024-06
    assert stale["active"].iloc[0] == 3
    assert no_new_engagement(registry, ranked, TODAY, 36).empty  # CAAC started 2024-06 counts in 36 months


def test_filters_narrow_by_kind_group_tier_and_verification(registry: Registry) -> None:
    view = engagement_view(registry)
    ranked = situation_tiers(registry.situations, tiers(SSD="High", MLI="High"))
    assert list(filtered(view, EngagementFilter(TODAY, kinds=["sanctions"]), ranked)["engagement_id"]) == [2]
    assert list(filtered(view, EngagementFilter(date(2004, 9, 9), groups=["US"]), ranked)["engagement_id"]) == [4]
    may = date(2020, 5, 15)
    assert list(filtered(view, EngagementFilter(may, tiers=["High"]), ranked)["engagement_id"]) == [7]
    assert filtered(view, EngagementFilter(may, tiers=["High"], include_unverified=False), ranked).empty
    assert list(filtered(view, EngagementFilter(TODAY, actor_ids=["un.pko"]), ranked)["engagement_id"]) == [1]


def test_situations_for_a_country_put_its_own_first(registry: Registry) -> None:
    assert situations_for_country(registry.situations, "SDN") == ["sdn", "sdn-darfur"]
    assert situations_for_country(registry.situations, "BFA") == ["sahel"]
    assert related_situations(registry.situations, "sdn") == ["sdn-darfur"]


@pytest.mark.parametrize("months", [1, 12, 120])
def test_gaps_never_list_a_situation_below_high_when_tiers_exist(registry: Registry, months: int) -> None:
    low = tiers(SDN="Moderate", SSD="Low", TCD="Elevated", MLI="Low")
    assert unengaged(registry, low, TODAY).empty and no_new_engagement(registry, low, TODAY, months).empty


def test_engaged_high_risk_situations_are_never_listed_as_nobody_engaged(shipped: Registry) -> None:
    day = date(2026, 12, 6)
    ranked = tiers(MMR="Very high", AFG="High", SDN="Very high", BFA="High")
    view = engagement_view(shipped)
    active = view[active_on(view, day)].groupby("situation_id").size()
    assert active["mmr"] >= 5 and active["afg"] >= 5
    nobody = set(unengaged(shipped, ranked, day)["situation_id"])
    assert not {"mmr", "afg", "sdn"} & nobody
    stale = no_new_engagement(shipped, ranked, day, 12).set_index("situation_id")
    assert {"mmr", "afg"} <= set(stale.index)  # engaged, but nothing started since June 2024
    assert stale.at["mmr", "active"] == active["mmr"]


@pytest.mark.parametrize("fixture", ["registry", "shipped"])
def test_engagement_dates_are_the_views_dates(fixture: str, request: pytest.FixtureRequest) -> None:
    registry = request.getfixturevalue(fixture)
    view = engagement_view(registry)
    pd.testing.assert_frame_equal(engagement_dates(registry), view[["situation_id", "started", "until"]])


def test_a_countrys_situations_are_its_own_then_the_others_by_name(shipped: Registry) -> None:
    situations = shipped.situations
    for iso3 in sorted({code for cell in situations["countries"] for code in country_list(cell)}):
        covering = situations[situations["countries"].map(lambda cell, code=iso3: code in country_list(cell))]
        own = (covering["iso3"] == iso3) & (covering["scope"] == "country")
        expected = list(covering.assign(own=own).sort_values(["own", "name"], ascending=[False, True])["situation_id"])
        assert situations_for_country(situations, iso3) == expected
