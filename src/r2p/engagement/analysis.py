"""Pure questions over the registry: what is active on a date, situation tiers, sourcing (the two gap lists are one
read: r2p.read.overview.engagement_gaps)."""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from datetime import date

import pandas as pd

from r2p.engagement.dates import as_timestamp, period_end
from r2p.engagement.registry import Registry, actor_table, country_list
from r2p.vocabulary import TIERS, engagement_kind_label, tier_rank

NO_TIER = "No tier"


@dataclass(frozen=True)
class EngagementFilter:
    """What the page narrows the map to; empty collections mean 'all'."""

    as_of: date
    actor_ids: Collection[str] = ()
    kinds: Collection[str] = ()
    groups: Collection[str] = ()
    tiers: Collection[str] = ()
    include_unverified: bool = True


def engagement_view(registry: Registry) -> pd.DataFrame:
    """Every engagement with its actor (label, group, dissolved), situation name and effective dates.

    `until` is the last day it can be active: its end date, or its actor's dissolution, whichever is first
    (partial dates read as their last possible day). `sourced`: it carries a source URL. `verified`: checked
    against a primary source AND sourced — an engagement without a source is shown as unverified everywhere.
    """
    actors = actor_table(registry.actors)[["actor_id", "label", "name", "group", "kind", "dissolved",
                                            "dissolved_precision", "successor_id", "successor_name"]]
    actors = actors.rename(columns={"name": "actor_name", "kind": "actor_kind"})
    view = registry.engagements.merge(actors, on="actor_id", how="left")
    view = view.merge(registry.situations[["situation_id", "name"]].rename(columns={"name": "situation"}),
                      on="situation_id", how="left")
    view["until"] = _until(view)
    view["kind_label"] = view["kind"].map(engagement_kind_label)
    view["sourced"] = has_source(view["source_url"])
    view["verified"] = view["verified"].astype(bool) & view["sourced"]
    return view


def _until(view: pd.DataFrame) -> pd.Series:
    """The last day an engagement can be active: its end, or its actor's dissolution, whichever is first."""
    ended = period_end(view["ended"], view["ended_precision"])
    dissolved = period_end(view["dissolved"], view["dissolved_precision"])
    return pd.concat([ended, dissolved], axis=1).min(axis=1)


def has_source(urls: pd.Series) -> pd.Series:
    """True where a source URL is recorded (an http(s) link)."""
    return urls.fillna("").astype(str).str.strip().str.match(r"https?://")


def unsourced_share(engagements: pd.DataFrame) -> float:
    """The share (0–1) of engagements with no source URL; 0 for an empty registry."""
    return float((~has_source(engagements["source_url"])).mean()) if len(engagements) else 0.0


def active_on(view: pd.DataFrame, as_of: date) -> pd.Series:
    """True for engagements active on the date (started on or before it, not yet ended)."""
    day = as_timestamp(as_of)
    return (view["started"] <= day) & (view["until"].isna() | (view["until"] >= day))


def is_active(started: object, until: object, day: pd.Timestamp) -> bool:
    """active_on for one engagement: its started and until dates (NaT where missing) and the day, a timestamp."""
    return bool(started <= day) and (pd.isna(until) or bool(until >= day))


def status_on(view: pd.DataFrame, as_of: date) -> pd.Series:
    """active, ended or not started yet — as of the date."""
    day = as_timestamp(as_of)
    status = pd.Series("active", index=view.index)
    status[view["until"].notna() & (view["until"] < day)] = "ended"
    status[view["started"] > day] = "not started yet"
    return status


def situation_tiers(situations: pd.DataFrame, tiers: pd.DataFrame) -> pd.DataFrame:
    """situation_id, tier (the highest model tier among its countries, or NO_TIER), tier_rank (6 = none)."""
    by_country = _tier_by_country(tiers)
    rows = []
    for situation_id, countries in zip(situations["situation_id"].tolist(), situations["countries"].tolist(),
                                       strict=True):
        rank, tier = _highest_tier(countries, by_country)
        rows.append({"situation_id": situation_id, "tier": tier, "tier_rank": rank})
    return pd.DataFrame(rows, columns=["situation_id", "tier", "tier_rank"])


def situation_tier(countries: object, tiers: pd.DataFrame) -> str:
    """The tier situation_tiers gives a situation whose `countries` cell this is ("SDN;SSD")."""
    return _highest_tier(countries, _tier_by_country(tiers))[1]


def _tier_by_country(tiers: pd.DataFrame) -> dict[str, str]:
    return dict(zip(tiers["iso3"].tolist(), tiers["tier"].tolist(), strict=True)) if len(tiers) else {}


def _highest_tier(countries: object, by_country: dict[str, str]) -> tuple[int, str]:
    """(tier_rank, tier) of the highest model tier among the countries; (len(TIERS) + 1, NO_TIER) for none."""
    ranked = [(tier_rank(by_country[c]) or len(TIERS) + 1, by_country[c])
              for c in country_list(countries) if c in by_country]
    best = min(ranked) if ranked else (len(TIERS) + 1, NO_TIER)
    return best[0], best[1] if best[0] <= len(TIERS) else NO_TIER


def filtered(view: pd.DataFrame, chosen: EngagementFilter, tiers: pd.DataFrame) -> pd.DataFrame:
    """The engagements active on the filter's date that pass its actor, kind, group, tier and verified choices."""
    keep = active_on(view, chosen.as_of)
    for column, values in (("actor_id", chosen.actor_ids), ("kind", chosen.kinds), ("group", chosen.groups)):
        if values:
            keep &= view[column].isin(list(values))
    if chosen.tiers:
        wanted = tiers[tiers["tier"].isin(list(chosen.tiers))]["situation_id"]
        keep &= view["situation_id"].isin(wanted)
    if not chosen.include_unverified:
        keep &= view["verified"]
    return view[keep].reset_index(drop=True)


def situations_for_country(situations: pd.DataFrame, iso3: str) -> list[str]:
    """Situation ids covering a country: its own country situation first, then the others by name."""
    # NOTE: over plain lists, not a filtered and sorted frame (for the briefing, whose frames are a few rows).
    covering = [(not (own_iso3 == iso3 and scope == "country"), name, situation_id)
                for situation_id, name, scope, own_iso3, countries in zip(
                    *(situations[column].tolist() for column in ("situation_id", "name", "scope", "iso3", "countries")),
                    strict=True)
                if iso3 in country_list(countries)]
    return [situation_id for *_, situation_id in sorted(covering, key=lambda row: row[:2])]


def related_situations(situations: pd.DataFrame, situation_id: str) -> list[str]:
    """Other situations sharing a country with this one (Darfur and Abyei for Sudan)."""
    ids, countries = situations["situation_id"].tolist(), situations["countries"].tolist()
    own = set(country_list(countries[ids.index(situation_id)]))
    return [s for s, c in zip(ids, countries, strict=True) if s != situation_id and own & set(country_list(c))]
