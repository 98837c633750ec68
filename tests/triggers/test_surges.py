"""Surge rules on hand-made event frames: HDX Signals-style 30-day highs with suppression, admin-1 weekly surges."""

from __future__ import annotations

from datetime import date, timedelta

import pandas as pd
import pytest

from r2p.triggers.apply import evaluate_rules
from r2p.triggers.evaluate import spike_firings, surge_firings
from r2p.triggers.rules import Rule, rule_book
from r2p.triggers.surges import WEEK_COLUMNS, admin1_surges, thirty_day_highs, weekly_surges
from r2p.warehouse import Warehouse
from r2p.warehouse.queries import query

AS_OF = date(2025, 12, 31)


def _rule(**fields: object) -> Rule:
    return Rule(**({"id": "r", "description": "d", "review_days": 7} | fields))


def _deaths(rows: list[tuple]) -> pd.DataFrame:
    return pd.DataFrame(rows, columns=["iso3", "event_date", "violence_type", "deaths_best"])


SPIKE = _rule(kind="event_spike", violence_types=(3,), window_days=30, high_years=(1, 3), minimum=100,
              suppress_days=180, extreme_ratio=2)
HISTORY = _deaths([
    ("AAA", "2023-05-01", 3, 90), ("AAA", "2025-12-20", 3, 60), ("AAA", "2025-12-30", 3, 60),  # 120: 3-year high
    ("BBB", "2024-03-01", 3, 500), ("BBB", "2025-12-15", 3, 300),  # 300: a 1-year high, not a 3-year one
    ("CCC", "2025-12-15", 3, 80),  # a new high, but under the floor
    ("DDD", "2025-12-15", 1, 400),  # another violence type
    ("EEE", "2021-01-01", 3, 1000), ("EEE", "2025-12-10", 3, 150),  # the big one is older than 3 years
    ("FFF", "2025-06-01", 3, 200), ("FFF", "2025-12-20", 3, 150),  # under this year's high
])


def test_a_30_day_total_at_a_one_or_three_year_high_above_the_floor_fires() -> None:
    fired = {f.iso3: f for f in spike_firings(SPIKE, HISTORY, AS_OF)}
    assert set(fired) == {"AAA", "BBB", "EEE"}
    assert fired["AAA"].evidence == ("120 deaths in the 30 days to 2025-12-31; the highest in the past 3 years "
                                     "(previous high 90)")
    assert fired["BBB"].evidence.endswith("the highest in the past year (previous high 0)")
    assert fired["AAA"].evidence_key == "r:AAA:2025-12"


def test_highs_are_the_largest_earlier_windows_of_each_horizon() -> None:
    highs = thirty_day_highs(HISTORY, AS_OF, 30, (1, 3), (3,)).set_index("iso3")
    assert highs.loc["BBB", ["deaths", "high_1y", "high_3y"]].tolist() == [300, 0, 500]
    assert highs.loc["FFF", ["deaths", "high_1y", "high_3y"]].tolist() == [150, 200, 200]


def test_only_events_up_to_as_of_count() -> None:
    later = pd.concat([HISTORY, _deaths([("CCC", "2026-01-01", 3, 900)])])
    assert {f.iso3 for f in spike_firings(SPIKE, later, AS_OF)} == {"AAA", "BBB", "EEE"}
    assert "CCC" in {f.iso3 for f in spike_firings(SPIKE, later, date(2026, 1, 1))}


@pytest.mark.parametrize(("current", "days_since", "fires"), [
    (300, 100, False),  # a repeat within 180 days at 1.5 times the previous high: suppressed
    (450, 100, True),   # at 2.25 times: extreme, so it fires anyway
    (300, 180, True),   # 180 days on: no longer suppressed
])
def test_a_repeat_within_180_days_fires_only_when_extreme(current: int, days_since: int, fires: bool) -> None:
    events = _deaths([("AAA", "2025-08-01", 3, 200), ("AAA", "2025-12-20", 3, current)])
    last = {"AAA": AS_OF - timedelta(days=days_since), "BBB": AS_OF}
    assert bool(spike_firings(SPIKE, events, AS_OF, last)) is fires


def _located(rows: list[tuple[str, str, int]]) -> pd.DataFrame:
    """(admin1, date, how many events) -> one row per event in country AAA."""
    expanded = [(area, day) for area, day, count in rows for _ in range(count)]
    return pd.DataFrame({"iso3": "AAA", "admin1": [a for a, _ in expanded], "event_date": [d for _, d in expanded],
                         "violence_type": 1, "deaths_best": 2, "latitude": 5.0, "longitude": 20.0})


# Weeks start on Monday: 2025-12-29 is the week of AS_OF; the four before start 12-01, 12-08, 12-15, 12-22.
WEEKS = ["2025-12-01", "2025-12-08", "2025-12-15", "2025-12-22"]
SURGE_EVENTS = _located(
    [("Low", day, n) for day, n in zip(WEEKS, [2, 2, 3, 1], strict=True)] + [("Low", "2025-12-30", 4)]  # floor
    + [("Up", day, n) for day, n in zip(WEEKS, [2, 2, 3, 1], strict=True)] + [("Up", "2025-12-29", 6)]  # 3x
    + [("Busy", day, 4) for day in WEEKS] + [("Busy", "2025-12-31", 7)]  # 7 < twice 4
    + [("New", "2025-12-31", 5)]  # nothing before: a surge from zero
    + [("Low", "2026-01-01", 50)]  # after as_of
)


def test_an_admin1_week_at_twice_the_prior_four_week_average_and_the_floor_surges() -> None:
    found = admin1_surges(SURGE_EVENTS, AS_OF, weeks_before=4, ratio=2, minimum=5).set_index("admin1")
    assert sorted(found.index) == ["New", "Up"]
    assert found.loc["Up", ["events", "prior_average", "ratio", "deaths"]].tolist() == [6, 2.0, 3.0, 12]
    assert found.loc["New", "ratio"] == float("inf")


def test_surge_firings_are_keyed_by_country_area_and_week() -> None:
    rule = _rule(kind="admin1_surge", minimum=5, weeks_before=4, surge_ratio=2)
    fired = {f.evidence_key: f.evidence for f in surge_firings(rule, SURGE_EVENTS, AS_OF)}
    assert fired == {
        "r:AAA:Up:2025-12-29": "Up: 6 events in the week of 2025-12-29 (to 2025-12-31), 3.0× the average of the "
                               "4 weeks before (2.0)",
        "r:AAA:New:2025-12-29": "New: 5 events in the week of 2025-12-29 (to 2025-12-31), after none in the 4 "
                                "weeks before",
    }


def test_earlier_weeks_can_be_listed_for_a_country_page() -> None:
    found = admin1_surges(SURGE_EVENTS, date(2025, 12, 8), weeks=2, minimum=2)
    assert found[["admin1", "week_start"]].values.tolist() == [
        ["Busy", pd.Timestamp("2025-12-08")], ["Low", pd.Timestamp("2025-12-08")], ["Up", pd.Timestamp("2025-12-08")],
        ["Busy", pd.Timestamp("2025-12-01")], ["Low", pd.Timestamp("2025-12-01")], ["Up", pd.Timestamp("2025-12-01")],
    ]  # every week of the two shown: the four weeks before 2025-12-01 held nothing


def test_weekly_counts_give_the_same_surges_and_weeks_outside_the_rules_are_left_out() -> None:
    """The rule on counts per area and week (what the warehouse hands the Country page) as on the events."""
    weeks = ["2025-10-06", *WEEKS, "2025-12-29", "2026-01-05"]  # one long before the rule's weeks, one after as_of
    weekly = pd.DataFrame({"iso3": "AAA", "admin1": "Up", "week_start": pd.to_datetime(weeks),
                           "events": [40, 2, 2, 3, 1, 6, 50], "deaths": 1, "latitude": 5.0, "longitude": 20.0})
    found = weekly_surges(weekly[WEEK_COLUMNS], AS_OF, weeks_before=4, ratio=2, minimum=5, weeks=1)
    assert found[["admin1", "events", "prior_average", "ratio"]].values.tolist() == [["Up", 6, 2.0, 3.0]]
    by_event = admin1_surges(SURGE_EVENTS, AS_OF, weeks_before=4, ratio=2, minimum=5)
    assert by_event.loc[by_event["admin1"] == "Up", ["events", "prior_average"]].values.tolist() == [[6, 2.0]]


def test_the_shipped_surge_rules_hold_their_thresholds_as_data() -> None:
    kinds = {r.kind: r for r in rule_book().rules}
    assert kinds["admin1_surge"].surge_ratio == 2 and kinds["admin1_surge"].weeks_before == 4
    assert kinds["event_spike"].high_years == (1, 3) and kinds["event_spike"].suppress_days == 180


def _spikes(warehouse: Warehouse, as_of: date) -> dict[tuple[str, str], str]:
    with warehouse.write() as connection:
        return {(f.rule_id, f.iso3): f.evidence for f in evaluate_rules(connection, as_of)
                if rule_kinds()[f.rule_id] == "event_spike"}


def rule_kinds() -> dict[str, str]:
    return {rule.id: rule.kind for rule in rule_book().rules}


@pytest.mark.parametrize("days_before", [30, 200])
def test_a_trigger_run_suppresses_a_repeat_from_the_reviews_it_opened(warehouse: Warehouse,
                                                                      days_before: int) -> None:
    run_date = date(2026, 1, 10)
    with warehouse.write() as connection:
        connection.execute("DELETE FROM review")
    fired = _spikes(warehouse, run_date)
    assert fired  # the demo has 30-day highs at its end (2025-12-31)
    with warehouse.write() as connection:
        for rule_id, iso3 in fired:
            connection.execute("INSERT INTO review (iso3, rule_id, evidence, opened_at) VALUES ($i, $r, 'e', $at)",
                               {"i": iso3, "r": rule_id, "at": run_date - timedelta(days=days_before)})
    again = _spikes(warehouse, run_date)
    if days_before >= 180:
        assert again == fired
        return
    assert 0 < len(again) < len(fired)  # the demo has both: some repeats suppressed, some extreme
    deaths = query(warehouse, "read/event_deaths")
    rules = {rule.id: rule for rule in rule_book().rules}
    for rule_id, iso3 in fired:
        rule = rules[rule_id]
        high = thirty_day_highs(deaths, date(2025, 12, 31), rule.window_days, rule.high_years,
                                rule.violence_types).set_index("iso3").loc[iso3]
        assert ((rule_id, iso3) in again) == (high["deaths"] >= rule.extreme_ratio * high["high_1y"])
