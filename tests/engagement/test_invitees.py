"""Suggested invitees: engaged actors, related situations, regional coverage and the Special Advisers."""

from __future__ import annotations

from datetime import date

from r2p.engagement.invitees import suggested_invitees
from r2p.engagement.registry import Registry
from tests.helpers.engagement import tiers

TODAY = date(2026, 11, 23)


def test_each_invitee_comes_with_its_reason_in_rule_order(registry: Registry) -> None:
    invited = suggested_invitees(registry, tiers(SDN="Very high"), "sdn", TODAY)
    assert list(invited.columns) == ["actor_id", "name", "kind", "reason"]
    reasons = dict(zip(invited["actor_id"], invited["reason"], strict=True))
    assert reasons["un.pko"] == "Peace operation mandated here: Peace operation in Sudan (since 2010-07-01)"
    assert reasons["un.sc.1"] == "Sanctions regime in force: Sudan sanctions (since 2005-03-29)"
    assert reasons["un.srsg_caac"] == "Children and armed conflict agenda: CAAC agenda"
    assert reasons["reg.new"] == "Regional body covering SDN"  # reg.old covers Sudan but was dissolved
    assert reasons["un.sapg"].startswith("Situation at Very high (model tier)")
    assert list(invited["actor_id"])[-3:] == ["reg.new", "un.sapg", "un.sar2p"]
    assert "reg.old" not in reasons


def test_special_advisers_only_for_high_or_above_and_not_without_tiers(registry: Registry) -> None:
    assert not {"un.sapg", "un.sar2p"} & set(suggested_invitees(registry, tiers(SDN="Elevated"), "sdn", TODAY)
                                             ["actor_id"])
    assert not {"un.sapg", "un.sar2p"} & set(suggested_invitees(registry, tiers(), "sdn", TODAY)["actor_id"])
    assert {"un.sapg", "un.sar2p"} <= set(suggested_invitees(registry, tiers(TCD="High"), "tcd", TODAY)["actor_id"])


def test_related_situations_and_dates_matter(registry: Registry) -> None:
    on_the_day = suggested_invitees(registry, tiers(), "sdn", date(2004, 9, 9))
    assert on_the_day.set_index("actor_id").at["us.state", "reason"] == \
        "Engaged now on Darfur (Sudan): Genocide determination"
    assert "reg.new" in set(suggested_invitees(registry, tiers(), "sahel", date(2019, 6, 1))["actor_id"])
    assert "reg.new" not in set(suggested_invitees(registry, tiers(), "sahel", TODAY)["actor_id"])  # MLI left


def test_a_situation_nobody_engages_gets_an_empty_frame_with_the_columns(registry: Registry) -> None:
    invited = suggested_invitees(registry, tiers(), "sdn-darfur", TODAY)
    assert list(invited.columns) == ["actor_id", "name", "kind", "reason"]
    assert set(invited["actor_id"]) == {"un.pko", "un.sc.1", "un.srsg_caac", "reg.new"}  # via Sudan and coverage
