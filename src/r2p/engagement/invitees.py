"""Who to invite to a meeting on a situation, each with the reason (the briefing pack calls this too).

The rules, in order:
1. Every actor engaged on the situation on the date: its peace operation, its sanctions committee, the SRSG for
   Children and Armed Conflict where the situation is on the CAAC agenda (an active CAAC engagement), and so on.
2. Every actor engaged on the date on a related situation (one sharing a country: Darfur and Abyei for Sudan).
3. The regional bodies whose coverage (engagement/data/regional_coverage.csv) includes one of its countries on the
   date; a dissolved body is replaced by its successor.
4. The Special Advisers on the Prevention of Genocide and on the Responsibility to Protect, always, when the
   situation's model tier (the highest among its countries) is High or above.
"""

from __future__ import annotations

from datetime import date

import pandas as pd

from r2p.engagement.analysis import active_on, engagement_view, related_situations, situation_tiers
from r2p.engagement.dates import as_timestamp, format_partial_date
from r2p.engagement.registry import Registry, country_list, current_successor
from r2p.vocabulary import CAAC_ACTOR, HIGH_OR_ABOVE, SPECIAL_ADVISERS

COLUMNS = ["actor_id", "name", "kind", "reason"]


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


def _collect(reasons: list[tuple[int, str, str]], actors: pd.DataFrame) -> pd.DataFrame:
    if not reasons:
        return pd.DataFrame(columns=COLUMNS)
    found = pd.DataFrame(reasons, columns=["rule", "actor_id", "reason"]).drop_duplicates(["actor_id", "reason"])
    grouped = found.groupby("actor_id", sort=False).agg(rule=("rule", "min"), reason=("reason", "; ".join))
    known = actors.set_index("actor_id")[["name", "kind"]]
    result = grouped.join(known, how="left").reset_index()
    result["name"] = result["name"].fillna(result["actor_id"])
    return result.sort_values(["rule", "name"], kind="stable")[COLUMNS].reset_index(drop=True)
