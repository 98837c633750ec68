"""The briefing's facts, read from a demo warehouse with reviews and an assessment."""

from __future__ import annotations

import json
from datetime import date

import pandas as pd
import pytest

from r2p.catalog import RISK_FACTORS
from r2p.convening.judgements import draft_judgements
from r2p.exports.briefing import BriefingError, gather_briefing
from r2p.exports.briefing_snapshot import snapshot
from r2p.exports.briefing_trend import DEATH_SERIES, TREND_YEARS
from r2p.exports.sections import HEADINGS, pack_sections
from r2p.read import explore, profile
from r2p.tiers import current_tiers
from r2p.warehouse import Warehouse
from tests.helpers.data import FIXED_TODAY

SINCE = date(2023, 6, 1)
# The oracle: the country's events since a date counted in one plain statement, not the briefing's own queries.
EVENTS_SINCE = """
SELECT count(*) FILTER (WHERE e.event_date BETWEEN $since AND $until)::BIGINT AS events,
       coalesce(sum(e.deaths_best) FILTER (WHERE e.event_date BETWEEN $since AND $until), 0)::BIGINT AS deaths,
       max(e.event_date) AS last_event, max(g.as_of) AS as_of
FROM event e JOIN ingest g ON g.ingest_id = e.ingest_id WHERE e.iso3 = $iso3
"""


def _event_years(warehouse: Warehouse, iso3: str) -> pd.DataFrame:
    cursor = warehouse.reader().cursor()
    try:
        return cursor.execute("SELECT year(event_date)::INTEGER AS year, count(*)::BIGINT AS events, "
                              "coalesce(sum(deaths_best), 0)::BIGINT AS deaths FROM event WHERE iso3 = ? "
                              "GROUP BY 1 ORDER BY 1", [iso3]).df()
    finally:
        cursor.close()


def _events(warehouse: Warehouse, iso3: str, since: date, until: date) -> tuple[int, int]:
    cursor = warehouse.reader().cursor()
    try:
        return cursor.execute("SELECT count(*), coalesce(sum(deaths_best), 0) FROM event WHERE iso3 = ? AND "
                              "event_date BETWEEN ? AND ?", [iso3, since, until]).fetchall()[0]
    finally:
        cursor.close()


def test_the_snapshot_puts_the_analysts_tier_beside_the_models(briefed: Warehouse) -> None:
    brief = gather_briefing(briefed, "sdn", SINCE, "composite", FIXED_TODAY, "OFFICIAL USE ONLY")
    model = current_tiers(briefed, "composite-1").set_index("iso3").loc["SDN"]
    assert (brief.iso3, brief.name, brief.title) == ("SDN", "Sudan", "Sudan (SDN)")
    assert brief.snapshot.model_tier == model["tier"] and brief.snapshot.period == model["period"]
    assert brief.snapshot.assessed_tier == "High" and "B. Analyst" in brief.snapshot.assessment
    assert brief.snapshot.parts_kind == "UN Framework risk factors" and len(brief.snapshot.parts) > 0
    assert brief.is_demo and brief.marking == "OFFICIAL USE ONLY" and brief.method.label == "composite-1"


def test_what_changed_counts_events_engagements_reviews_and_assessments(briefed: Warehouse) -> None:
    brief = gather_briefing(briefed, "SDN", SINCE, "composite-1", FIXED_TODAY)
    changed = brief.changes
    assert (changed.events, changed.deaths) == _events(briefed, "SDN", SINCE, FIXED_TODAY) and changed.events > 0
    assert "Personal Envoy of the Secretary-General for Sudan" in set(changed.started["title"])
    assert any(title.startswith("UNITAMS") for title in changed.ended["title"])  # mandate ended Dec 2023
    assert len(changed.decided) == 1 and changed.decided["decision"].iloc[0] == "defer"
    assert len(changed.opened) == 2  # the trigger's review and its follow-up
    assert changed.assessments["assessed_tier"].tolist() == ["High"]
    assert brief.pending["state"].tolist() == ["open"] and "Deferred from review" in brief.pending["evidence"].iloc[0]


def test_the_engagement_part_covers_the_situation_and_those_sharing_its_country(briefed: Warehouse) -> None:
    brief = gather_briefing(briefed, "SDN", SINCE, None, FIXED_TODAY)
    situation = brief.situation
    assert situation.registered and situation.situation_id == "sdn"
    assert set(situation.rows["situation_id"]) == {"sdn", "sdn-darfur", "abyei"}
    assert "UNISFA" in set(situation.engaged["label"])
    reasons = dict(zip(brief.invitees["actor_id"], brief.invitees["reason"], strict=True))
    assert reasons["un.sc.1591"].startswith("Sanctions regime in force")


def test_a_country_the_registry_does_not_track_still_gets_invitees_by_rule(briefed: Warehouse) -> None:
    tiers = current_tiers(briefed, "composite-1").set_index("iso3")["tier"]
    very_high = next(iso3 for iso3, tier in tiers.items() if tier == "Very high" and iso3 not in {"MMR", "SDN"})
    brief = gather_briefing(briefed, very_high, SINCE, None, FIXED_TODAY)
    assert not brief.situation.registered and brief.situation.engaged.empty
    assert {"un.sapg", "un.sar2p"} <= set(brief.invitees["actor_id"])  # Very high: the Special Advisers
    engagement = next(s for s in pack_sections(brief) if s.heading == "Engagement")
    assert any("No situation in the engagement registry covers" in line for line in engagement.lines)


def test_sections_come_in_the_pack_order_with_their_headings(briefed: Warehouse) -> None:
    brief = gather_briefing(briefed, "SDN", SINCE, None, FIXED_TODAY)
    headings = [s.heading for s in pack_sections(brief, ("tier_history", "contributions", "engagement"))]
    assert headings == [f"{h} since {SINCE}" if h == "What changed" else h for h in HEADINGS]
    assert headings[0] == "Bottom line" and headings[-1] == "Sources and method"


def test_the_casualty_trend_and_recent_events_come_from_the_warehouse(briefed: Warehouse) -> None:
    brief = gather_briefing(briefed, "SDN", SINCE, None, FIXED_TODAY)
    trend = brief.trend
    held = _events(briefed, "SDN", date(1900, 1, 1), FIXED_TODAY)
    last_year = int(trend.events["year"].max())
    assert held[0] > 0 and trend.events["events"].sum() <= held[0]  # the last TREND_YEARS years of them
    assert trend.events["year"].min() > last_year - TREND_YEARS
    assert set(trend.deaths["series"]) <= set(explore.indicators(briefed).set_index("indicator_id").loc[
        list(DEATH_SERIES), "name"]) and len(trend.deaths)
    recent = trend.recent
    assert recent.events and recent.first_event > recent.last_event - pd.DateOffset(months=12)
    assert trend.dots["events"].sum() == recent.events  # every event on the map, in a dot of its own or merged


@pytest.mark.parametrize(("iso3", "since", "method_name", "message"), [
    ("XXX", None, None, "Unknown country code 'XXX'"),
    ("SDN", date(2030, 1, 1), None, "is after today"),
    ("SDN", None, "no-such-method", "unknown tier method"),
])
def test_a_briefing_that_cannot_be_prepared_says_why(briefed: Warehouse, iso3: str, since: date | None,
                                                    method_name: str | None, message: str) -> None:
    with pytest.raises(BriefingError, match=message):
        gather_briefing(briefed, iso3, since, method_name, FIXED_TODAY)


# The briefing reads each table once with queries of its own (r2p/warehouse/sql/read/briefing_*.sql); each part
# must say what the reads the pages use say.


@pytest.mark.parametrize(("iso3", "since"), [("SDN", SINCE), ("NOR", FIXED_TODAY), ("MMR", date(2000, 1, 1))])
def test_the_briefing_reads_say_what_the_pages_reads_say(briefed: Warehouse, iso3: str, since: date) -> None:
    brief = gather_briefing(briefed, iso3, since, "composite-1", FIXED_TODAY)
    counted = briefed.reader().execute(EVENTS_SINCE, {"iso3": iso3, "since": since, "until": FIXED_TODAY}).df()
    changed = brief.changes
    said = pd.Series([changed.events, changed.deaths, changed.last_event, changed.events_as_of], dtype=object,
                     index=["events", "deaths", "last_event", "as_of"])
    pd.testing.assert_series_equal(said, counted.iloc[0], check_names=False)
    held = explore.data_sources(briefed).drop(columns=["observations", "events"])
    pd.testing.assert_frame_equal(brief.sources, held)
    years = _event_years(briefed, iso3)
    series = explore.country_series(briefed, iso3)
    deaths = series[series["indicator_id"].isin(DEATH_SERIES)].rename(columns={"name": "series"})
    last = max([*deaths["period"], *years["year"]], default=0)
    pd.testing.assert_frame_equal(brief.trend.events, years[years["year"] > last - TREND_YEARS].reset_index(drop=True))
    pd.testing.assert_frame_equal(brief.trend.deaths, deaths[deaths["period"] > last - TREND_YEARS][
        ["series", "period", "value", "source_name"]].reset_index(drop=True))
    events, recent = profile.recent_events(briefed, iso3), brief.trend.recent
    said = (recent.events, recent.first_event, recent.last_event, recent.sources, recent.as_of)
    assert said == ((len(events), events["event_date"].min(), events["event_date"].max(),
                     tuple(dict.fromkeys(events["source_name"])), events["as_of"].max()) if len(events) else
                    (0, None, None, (), None))
    last = profile.latest_event_date(briefed)["last_date"].iloc[0]
    pd.testing.assert_frame_equal(brief.trend.dots, profile.country_event_dots(briefed, iso3, last))


def test_the_snapshot_names_the_parts_as_the_indicator_list_does(briefed: Warehouse) -> None:
    brief = gather_briefing(briefed, "SDN", SINCE, "composite-1", FIXED_TODAY)
    names = explore.indicators(briefed).set_index("indicator_id")["name"].to_dict()
    history = profile.tier_history(briefed, "SDN", "composite-1")
    row = profile.period_row(history, brief.snapshot.period)
    pd.testing.assert_frame_equal(brief.snapshot.parts, profile.score_parts(row, names)[1])
    assert brief.snapshot.reason == profile.insufficiency_reason(row, brief.method, names)


def test_the_driver_moves_pair_each_part_with_the_year_before_largest_shift_first(briefed: Warehouse) -> None:
    method = gather_briefing(briefed, "SDN", SINCE, "composite-1", FIXED_TODAY).method
    parts = {2023: {"1": 0.2, "2": 0.5, "3": 0.1, "5": 0.3}, 2024: {"1": 0.45, "2": 0.1, "4": 0.3, "5": 0.4}}
    history = pd.DataFrame([{"period": period, "tier": "High", "score": 0.5, "coverage": 1.0, "stale_share": 0.0,
                             "contributions": json.dumps({"factors": factors}), "assessed_tier": None,
                             "assessed_rationale": None, "assessed_by": None, "assessed_at": None}
                            for period, factors in parts.items()])
    moves = snapshot(history, method, {}, 2024).driver_moves  # factors 3 and 4 are held in one year only
    expected = pd.DataFrame({"name": [RISK_FACTORS[2], RISK_FACTORS[1], RISK_FACTORS[5]], "before": [0.5, 0.2, 0.3],
                             "now": [0.1, 0.45, 0.4], "shift": [0.1 - 0.5, 0.45 - 0.2, 0.4 - 0.3]})
    pd.testing.assert_frame_equal(moves, expected, check_exact=True)
    first = snapshot(history, method, {}, 2023).driver_moves  # no year before: nothing moved
    assert first.empty and list(first.columns) == ["name", "before", "now", "shift"]


@pytest.mark.parametrize("method_name", [None, "composite-2"])
def test_the_packs_key_judgements_are_the_draft_when_none_is_saved(briefed: Warehouse,
                                                                 method_name: str | None) -> None:
    brief = gather_briefing(briefed, "SDN", SINCE, method_name, FIXED_TODAY)
    assert brief.convening.judgements == draft_judgements(briefed, "SDN", FIXED_TODAY)
