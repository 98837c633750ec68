"""Suggested invitees: engaged actors, related situations, regional coverage and the Special Advisers."""

from __future__ import annotations

from datetime import date

from r2p.engagement.invitees import SYSTEM_ROLES, suggested_invitees
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
    assert list(invited["actor_id"])[-9:-6] == ["reg.new", "un.sapg", "un.sar2p"]
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


HUMAN_RIGHTS_AND_HUMANITARIAN = {"un.ohchr", "un.ocha", "un.unhcr", "un.wfp", "un.unicef", "un.dppa"}


def test_sudan_at_high_risk_invites_the_human_rights_humanitarian_and_political_offices(shipped: Registry) -> None:
    invited = suggested_invitees(shipped, tiers(SDN="Very high"), "sdn", TODAY).set_index("actor_id")
    assert set(invited.index) >= HUMAN_RIGHTS_AND_HUMANITARIAN
    assert invited.at["un.ocha", "name"] == "Office for the Coordination of Humanitarian Affairs"
    assert "negotiates humanitarian access" in invited.at["un.ocha", "reason"]
    assert invited.at["un.wfp", "reason"].startswith("Food assistance and famine early warning. Needed here for")
    assert invited.at["un.wfp", "reason"].endswith("; the situation is at Very high (model tier)")
    # OHCHR supports the Fact-Finding Mission: that reason comes first, the risk reason after it
    assert invited.at["un.ohchr", "reason"].startswith("Human rights: documents violations, supports the Council's "
                                                       "mechanisms, advises on protection. Needed here for the Human "
                                                       "Rights Council mechanism engaged (Independent "
                                                       "International Fact-Finding Mission")
    assert all(reason for reason in invited["reason"])


def test_every_office_the_rules_name_is_in_the_shipped_registry(shipped: Registry) -> None:
    assert {actor_id for actor_id, _ in SYSTEM_ROLES} == HUMAN_RIGHTS_AND_HUMANITARIAN
    assert set(shipped.actors["actor_id"]) >= HUMAN_RIGHTS_AND_HUMANITARIAN


def test_what_is_engaged_brings_each_office_whatever_the_tier(shipped: Registry) -> None:
    sudan = suggested_invitees(shipped, tiers(SDN="Moderate"), "sdn", TODAY).set_index("actor_id")
    assert set(sudan.index) >= HUMAN_RIGHTS_AND_HUMANITARIAN  # demo tiers put Sudan at Moderate
    assert sudan.at["un.dppa", "reason"].endswith("Needed here for the envoy or political mission engaged "
                                                  "(Personal Envoy of the Secretary-General for Sudan)")
    assert "Needed here for an armed conflict on the Security Council's agenda" in sudan.at["un.wfp", "reason"]
    assert "model tier" not in sudan.at["un.wfp", "reason"]  # below High, the tier is no reason
    myanmar = suggested_invitees(shipped, tiers(MMR="Elevated"), "mmr", TODAY).set_index("actor_id")
    assert myanmar.at["un.ohchr", "reason"].endswith("Needed here for the Human Rights Council mechanism engaged "
                                                     "(Special Rapporteur on the situation of human rights in "
                                                     "Myanmar)")
    assert "Special Envoy of the Secretary-General on Myanmar" in myanmar.at["un.dppa", "reason"]
    assert "children and armed conflict agenda" in myanmar.at["un.unicef", "reason"]


def test_below_high_an_office_comes_only_for_what_is_engaged(shipped: Registry) -> None:
    venezuela = set(suggested_invitees(shipped, tiers(VEN="Elevated"), "ven", TODAY)["actor_id"])
    assert "un.ohchr" in venezuela  # the Fact-Finding Mission on Venezuela is a Council mechanism
    assert not (HUMAN_RIGHTS_AND_HUMANITARIAN - {"un.ohchr"}) & venezuela  # no envoy, no armed-conflict agenda
    high = set(suggested_invitees(shipped, tiers(VEN="High"), "ven", TODAY)["actor_id"])
    assert high >= HUMAN_RIGHTS_AND_HUMANITARIAN
