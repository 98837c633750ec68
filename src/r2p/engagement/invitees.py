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

from datetime import date

import pandas as pd

from r2p.engagement.analysis import active_on, engagement_view, related_situations, situation_tiers
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


def suggested_invitees(registry: Registry, tiers: pd.DataFrame, situation_id: str, as_of: date) -> pd.DataFrame:
    """actor_id, name, kind, reason — one row per actor (its reasons joined with '; '), in rule order.

    `tiers`: iso3, tier (as `r2p.tiers.current_tiers` returns; may be empty when no tiers are computed yet).
    """
    reasons: list[tuple[int, str, str]] = []
    view = engagement_view(registry)
    active = view[active_on(view, as_of)]
    reasons += [(1, row.actor_id, _engaged_reason(row)) for row in
                active[active["situation_id"] == situation_id].itertuples()]
    related = active[active["situation_id"].isin(related_situations(registry.situations, situation_id))]
    reasons += [(2, row.actor_id, f"Engaged now on {row.situation}: {row.title}") for row in related.itertuples()]
    reasons += _regional(registry, situation_id, as_of)
    reasons += _special_advisers(registry, tiers, situation_id)
    reasons += _system_offices(registry, tiers, situation_id, active[active["situation_id"] == situation_id])
    return _collect(reasons, registry.actors)


def _engaged_reason(row: object) -> str:
    since = format_partial_date(row.started, row.started_precision)
    if row.actor_kind == "un_peace_operation":
        return f"Peace operation mandated here: {row.title} (since {since})"
    if row.kind == "sanctions":
        return f"Sanctions regime in force: {row.title} (since {since})"
    if row.actor_id == CAAC_ACTOR:
        return f"Children and armed conflict agenda: {row.title}"
    return f"Engaged now: {row.title} ({row.kind_label.lower()}, since {since})"


def _regional(registry: Registry, situation_id: str, as_of: date) -> list[tuple[int, str, str]]:
    countries = country_list(registry.situations.set_index("situation_id").at[situation_id, "countries"])
    coverage = registry.coverage
    day = as_timestamp(as_of)
    current = coverage[coverage["iso3"].isin(countries) & (coverage["until"].isna() | (coverage["until"] >= day))]
    reasons = []
    for actor_id, rows in current.groupby("actor_id", sort=True):
        carrier = current_successor(registry.actors, actor_id) if actor_id in set(registry.actors["actor_id"]) \
            else actor_id
        reasons.append((3, carrier, f"Regional body covering {', '.join(sorted(rows['iso3']))}"))
    return reasons


def _special_advisers(registry: Registry, tiers: pd.DataFrame, situation_id: str) -> list[tuple[int, str, str]]:
    situation = registry.situations[registry.situations["situation_id"] == situation_id]
    tier = situation_tiers(situation, tiers)["tier"].iloc[0]
    if tier not in HIGH_OR_ABOVE:
        return []
    reason = f"Situation at {tier} (model tier): the Special Advisers are suggested for every High-or-above situation"
    return [(4, adviser, reason) for adviser in SPECIAL_ADVISERS]


def _system_offices(registry: Registry, tiers: pd.DataFrame, situation_id: str,
                    engaged: pd.DataFrame) -> list[tuple[int, str, str]]:
    """Rule 5: each office with its role and why it is needed here (what is engaged, or the risk tier)."""
    why: dict[str, list[str]] = {actor_id: [] for actor_id, _ in SYSTEM_ROLES}
    why[HUMAN_RIGHTS_OFFICE] += [f"the Human Rights Council mechanism engaged ({row.title})"
                                 for row in engaged[engaged["actor_kind"] == "un_hrc_mechanism"].itertuples()]
    parents = dict(zip(registry.actors["actor_id"], registry.actors["parent_id"], strict=True))
    political = engaged[((engaged["actor_id"] == "un.sg") & (engaged["kind"] == "envoy"))
                        | engaged["actor_id"].map(parents).eq(POLITICAL_OFFICE)]
    why[POLITICAL_OFFICE] += [f"the envoy or political mission engaged ({row.title})"
                              for row in political.itertuples()]
    # NOTE: a peace operation, a Council sanctions regime or the children-and-armed-conflict agenda means an
    # armed conflict the Council follows: the humanitarian offices belong in the room whatever the model tier.
    conflict = engaged[engaged["actor_kind"].isin(["un_peace_operation", "un_sanctions_committee"])
                       | (engaged["actor_id"] == CAAC_ACTOR)]
    for actor_id in HUMANITARIAN_OFFICES if len(conflict) else ():
        why[actor_id].append(f"an armed conflict on the Security Council's agenda ({conflict['title'].iloc[0]})")
    situation = registry.situations[registry.situations["situation_id"] == situation_id]
    tier = situation_tiers(situation, tiers)["tier"].iloc[0]
    for actor_id in why if tier in HIGH_OR_ABOVE else ():
        why[actor_id].append(f"the situation is at {tier} (model tier)")
    roles = dict(SYSTEM_ROLES)
    return [(5, actor_id, f"{roles[actor_id][0].upper()}{roles[actor_id][1:]}. Needed here for "
             + "; ".join(reasons)) for actor_id, reasons in why.items() if reasons]


def _collect(reasons: list[tuple[int, str, str]], actors: pd.DataFrame) -> pd.DataFrame:
    if not reasons:
        return pd.DataFrame(columns=COLUMNS)
    found = pd.DataFrame(reasons, columns=["rule", "actor_id", "reason"]).drop_duplicates(["actor_id", "reason"])
    grouped = found.groupby("actor_id", sort=False).agg(rule=("rule", "min"), reason=("reason", "; ".join))
    known = actors.set_index("actor_id")[["name", "kind"]]
    result = grouped.join(known, how="left").reset_index()
    result["name"] = result["name"].fillna(result["actor_id"])
    return result.sort_values(["rule", "name"], kind="stable")[COLUMNS].reset_index(drop=True)
