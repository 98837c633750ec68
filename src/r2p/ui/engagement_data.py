"""Cached reads behind the Engagement page: the registry frames and the tiers of the configured method."""

from __future__ import annotations

import pandas as pd

from r2p.config import setting
from r2p.engagement import registry as registry_queries
from r2p.engagement.analysis import situations_for_country
from r2p.engagement.registry import Registry
from r2p.tiers import current_tiers
from r2p.tiers.method import method
from r2p.ui.cache import cached

DEFAULT_METHOD_VERSION = "composite-1"

actors = cached(registry_queries.actors)
situations = cached(registry_queries.situations)
engagements = cached(registry_queries.engagements)
tiers = cached(current_tiers)


def registry() -> Registry:
    """The registry as the warehouse holds it (a new frame each run: cached frames are never mutated)."""
    return Registry.from_frames(actors(), situations(), engagements())


def method_version() -> str:
    """The version label of the configured tier method (R2P_TIER_METHOD), e.g. composite-1."""
    try:
        return method(setting("tier_method")).label
    except (KeyError, ValueError):
        return DEFAULT_METHOD_VERSION


def situation_options(registry_now: Registry, country: str) -> dict[str, str]:
    """situation_id -> name: those covering the chosen country first, then the rest by name."""
    first = situations_for_country(registry_now.situations, country)
    names = registry_now.situation_names()
    rest = sorted((s for s in names if s not in first), key=names.__getitem__)
    return {s: names[s] for s in [*first, *rest]}


def as_table(frame: pd.DataFrame, columns: dict[str, str]) -> pd.DataFrame:
    """The chosen columns, renamed for people, with dates shown as dates."""
    shown = frame[list(columns)].rename(columns=columns)
    for column in shown.columns:
        if pd.api.types.is_datetime64_any_dtype(shown[column]):
            shown[column] = shown[column].dt.date
    return shown
