"""Who to invite to a meeting on a situation, each with the reason (the briefing pack calls this too).

The rules, in order:
1. Every actor engaged on the situation on the date: its peace operation, its sanctions committee, the SRSG for
   Children and Armed Conflict where the situation is on the CAAC agenda (an active CAAC engagement), and so on.
2. Every actor engaged on the date on a related situation (one sharing a country: Darfur and Abyei for Sudan).
3. The regional bodies whose coverage (engagement/data/regional_coverage.csv) includes one of its countries on the
   date; a dissolved body is replaced by its successor.
4. The Special Advisers on the Prevention of Genocide and on the Responsibility to Protect, always, when the
   situation's model tier (the highest among its countries) is High or above.
5. The human-rights and humanitarian offices and the political department (OHCHR, DPPA, OCHA, UNHCR, WFP, UNICEF),
   each with its role: OHCHR where a Human Rights Council mechanism is engaged (its staff support it); DPPA where an
   envoy of the Secretary-General or a special political mission is; OCHA, UNHCR, WFP and UNICEF where the
   Council follows an armed conflict (a peace operation, a sanctions regime, or the children-and-armed-conflict
   agenda); and all six whenever the situation's model tier is High or above.
"""

from __future__ import annotations

from collections import namedtuple
from datetime import date

import pandas as pd

from r2p.engagement.analysis import engagement_view, is_active, related_situations, situation_tier
from r2p.engagement.dates import as_timestamp, format_partial_date
from r2p.engagement.registry import Registry, country_list, current_successor
from r2p.vocabulary import CAAC_ACTOR, HIGH_OR_ABOVE, SPECIAL_ADVISERS

COLUMNS = ["actor_id", "name", "kind", "reason"]
# Rule 5: who each office is in the room for. Actor ids as in engagement/data/actors.csv.
SYSTEM_ROLES: tuple[tuple[str, str], ...] = (
    ("un.ohchr", "human rights: documents violations, supports the Council's mechanisms, advises on protection"),
    ("un.dppa", "political analysis, good offices and preventive diplomacy; backs envoys and political missions"),
    ("un.ocha", "coordinates the humanitarian response and negotiates humanitarian access"),
    ("un.unhcr", "protection of refugees and internally displaced people"),
    ("un.wfp", "food assistance and famine early warning"),
    ("un.unicef", "protection of children, including monitoring of grave violations against children"),
)
HUMAN_RIGHTS_OFFICE = "un.ohchr"
POLITICAL_OFFICE = "un.dppa"
HUMANITARIAN_OFFICES: tuple[str, ...] = ("un.ocha", "un.unhcr", "un.wfp", "un.unicef")


# The engagement_view columns the rules read, one record per engagement active on the day.
ENGAGED = ("actor_id", "situation_id", "situation", "kind", "kind_label", "title", "started", "started_precision",
           "actor_kind")
Engaged = namedtuple("Engaged", ENGAGED)


def suggested_invitees(registry: Registry, tiers: pd.DataFrame, situation_id: str, as_of: date,
                       view: pd.DataFrame | None = None) -> pd.DataFrame:
    """actor_id, name, kind, reason — one row per actor (its reasons joined with '; '), in rule order.

    `tiers`: iso3, tier (as `r2p.tiers.current_tiers` returns; may be empty when no tiers are computed yet).
    `view`: the registry's engagement_view, when the caller has built it already (the briefing).
    NOTE: the rules run over plain records, not frames: a frame filtered per rule cost the briefing 40 ms, and
    picking the active engagements, the situation's tier and the regional coverage through pandas 5 ms more.
    """
    view = engagement_view(registry) if view is None else view
    day = as_timestamp(as_of)
    active = [row for row, until in zip(_records(view), view["until"].tolist(), strict=True)
              if is_active(row.started, until, day)]
    engaged = [row for row in active if row.situation_id == situation_id]
    related = set(related_situations(registry.situations, situation_id))
    situations = registry.situations["situation_id"].tolist()
    countries = registry.situations["countries"].tolist()[situations.index(situation_id)]
    tier = situation_tier(countries, tiers)
    reasons = [(1, row.actor_id, _engaged_reason(row)) for row in engaged]
    reasons += [(2, row.actor_id, f"Engaged now on {row.situation}: {row.title}") for row in active
                if row.situation_id in related]
    reasons += _regional(registry, country_list(countries), day)
    reasons += _special_advisers(tier)
    reasons += _system_offices(registry, tier, engaged)
    return _collect(reasons, registry.actors)


def _records(frame: pd.DataFrame) -> list[Engaged]:
    return [Engaged(*values) for values in zip(*(frame[column].tolist() for column in ENGAGED), strict=True)]


def _engaged_reason(row: Engaged) -> str:
    since = format_partial_date(row.started, row.started_precision)
    if row.actor_kind == "un_peace_operation":
        return f"Peace operation mandated here: {row.title} (since {since})"
    if row.kind == "sanctions":
        return f"Sanctions regime in force: {row.title} (since {since})"
    if row.actor_id == CAAC_ACTOR:
        return f"Children and armed conflict agenda: {row.title}"
    return f"Engaged now: {row.title} ({row.kind_label.lower()}, since {since})"


def _regional(registry: Registry, countries: list[str], day: pd.Timestamp) -> list[tuple[int, str, str]]:
    """Rule 3: the regional bodies covering one of the countries on the day."""
    coverage = registry.coverage
    covered: dict[str, list[str]] = {}
    for actor_id, iso3, until in zip(coverage["actor_id"].tolist(), coverage["iso3"].tolist(),
                                     coverage["until"].tolist(), strict=True):
        if iso3 in countries and (pd.isna(until) or until >= day):
            covered.setdefault(actor_id, []).append(iso3)
    known = set(registry.actors["actor_id"].tolist())
    return [(3, current_successor(registry.actors, actor_id) if actor_id in known else actor_id,
             f"Regional body covering {', '.join(sorted(covered[actor_id]))}") for actor_id in sorted(covered)]


def _special_advisers(tier: str) -> list[tuple[int, str, str]]:
    if tier not in HIGH_OR_ABOVE:
        return []
    reason = f"Situation at {tier} (model tier): the Special Advisers are suggested for every High-or-above situation"
    return [(4, adviser, reason) for adviser in SPECIAL_ADVISERS]


def _system_offices(registry: Registry, tier: str, engaged: list[Engaged]) -> list[tuple[int, str, str]]:
    """Rule 5: each office with its role and why it is needed here (what is engaged, or the risk tier)."""
    why: dict[str, list[str]] = {actor_id: [] for actor_id, _ in SYSTEM_ROLES}
    why[HUMAN_RIGHTS_OFFICE] += [f"the Human Rights Council mechanism engaged ({row.title})"
                                 for row in engaged if row.actor_kind == "un_hrc_mechanism"]
    parents = dict(zip(registry.actors["actor_id"].tolist(), registry.actors["parent_id"].tolist(), strict=True))
    why[POLITICAL_OFFICE] += [f"the envoy or political mission engaged ({row.title})" for row in engaged
                              if (row.actor_id == "un.sg" and row.kind == "envoy")
                              or parents.get(row.actor_id) == POLITICAL_OFFICE]
    # NOTE: a peace operation, a Council sanctions regime or the children-and-armed-conflict agenda means an
    # armed conflict the Council follows: the humanitarian offices belong in the room whatever the model tier.
    conflict = [row for row in engaged if row.actor_kind in ("un_peace_operation", "un_sanctions_committee")
                or row.actor_id == CAAC_ACTOR]
    for actor_id in HUMANITARIAN_OFFICES if conflict else ():
        why[actor_id].append(f"an armed conflict on the Security Council's agenda ({conflict[0].title})")
    for actor_id in why if tier in HIGH_OR_ABOVE else ():
        why[actor_id].append(f"the situation is at {tier} (model tier)")
    roles = dict(SYSTEM_ROLES)
    return [(5, actor_id, f"{roles[actor_id][0].upper()}{roles[actor_id][1:]}. Needed here for "
             + "; ".join(reasons)) for actor_id, reasons in why.items() if reasons]


def _collect(reasons: list[tuple[int, str, str]], actors: pd.DataFrame) -> pd.DataFrame:
    """One row per actor in order of its first reason, its lowest rule and its distinct reasons joined; then by rule
    and name (an actor the registry does not hold is named by its id)."""
    if not reasons:
        return pd.DataFrame(columns=COLUMNS)
    rules: dict[str, int] = {}
    said: dict[str, list[str]] = {}
    for rule, actor_id, reason in reasons:
        if reason not in said.setdefault(actor_id, []):
            said[actor_id].append(reason)
            rules[actor_id] = min(rule, rules.get(actor_id, rule))
    known = {actor_id: (name, kind) for actor_id, name, kind in
             zip(actors["actor_id"].tolist(), actors["name"].tolist(), actors["kind"].tolist(), strict=True)}
    rows = []
    for actor_id, reasons_said in said.items():
        name, kind = known.get(actor_id, (None, None))
        rows.append((rules[actor_id], actor_id, actor_id if pd.isna(name) else name, kind, "; ".join(reasons_said)))
    rows.sort(key=lambda row: (row[0], row[2]))
    return pd.DataFrame([row[1:] for row in rows], columns=COLUMNS)
