"""Pure questions over the registry: active on a date, tiers of situations and filters (the gaps: tests/read)."""

from __future__ import annotations

from datetime import date

import pandas as pd

from r2p.engagement.analysis import (
    NO_TIER,
    EngagementFilter,
    active_on,
    engagement_view,
    filtered,
    is_active,
    related_situations,
    situation_tier,
    situation_tiers,
    situations_for_country,
    status_on,
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


def test_a_countrys_situations_are_its_own_then_the_others_by_name(shipped: Registry) -> None:
    situations = shipped.situations
    for iso3 in sorted({code for cell in situations["countries"] for code in country_list(cell)}):
        covering = situations[situations["countries"].map(lambda cell, code=iso3: code in country_list(cell))]
        own = (covering["iso3"] == iso3) & (covering["scope"] == "country")
        expected = list(covering.assign(own=own).sort_values(["own", "name"], ascending=[False, True])["situation_id"])
        assert situations_for_country(situations, iso3) == expected
