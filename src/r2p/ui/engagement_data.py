"""Cached reads behind the Engagement page: the registry frames and the tiers of a method version."""

from __future__ import annotations

import pandas as pd

from r2p.engagement.analysis import situations_for_country
from r2p.engagement.registry import Registry
from r2p.ui.cache import cached

actors = cached("actors")
situations = cached("situations")
engagements = cached("engagements")
tiers = cached("current_tiers")


def registry() -> Registry:
    """The registry as the warehouse holds it (a new frame each run: cached frames are never mutated)."""
    return Registry.from_frames(actors(), situations(), engagements())


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
