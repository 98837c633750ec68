"""The briefing's facts, read from a demo warehouse with reviews and an assessment."""

from __future__ import annotations

from datetime import date

import pandas as pd
import pytest

from r2p.exports.briefing import DEATH_SERIES, TREND_YEARS, BriefingError, gather_briefing
from r2p.exports.sections import HEADINGS, pack_sections
from r2p.read import explore
from r2p.tiers import current_tiers
from r2p.warehouse import Warehouse
from tests.helpers.data import FIXED_TODAY

SINCE = date(2023, 6, 1)


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
    assert len(trend.recent) and (trend.recent["event_date"] >= trend.recent["event_date"].max()
                                  - pd.DateOffset(months=12)).all()


@pytest.mark.parametrize(("iso3", "since", "method_name", "message"), [
    ("XXX", None, None, "Unknown country code 'XXX'"),
    ("SDN", date(2030, 1, 1), None, "is after today"),
    ("SDN", None, "no-such-method", "unknown tier method"),
])
def test_a_briefing_that_cannot_be_prepared_says_why(briefed: Warehouse, iso3: str, since: date | None,
                                                    method_name: str | None, message: str) -> None:
    with pytest.raises(BriefingError, match=message):
        gather_briefing(briefed, iso3, since, method_name, FIXED_TODAY)
