"""Cached reads behind the Engagement page: the registry frames, the tiers of a method version and the two gap lists
(one read: read.overview.engagement_gaps), and what the page derives from them (the engagement view, the map's
figures, the invitees).

NOTE: the derived frames and figures are kept per warehouse version (cache.built) and handed out as they are:
a warm rerun rebuilt them all, Plotly's validation of the matrix's cells first. Callers never change them.
"""

from __future__ import annotations

from datetime import date

import pandas as pd
import plotly.graph_objects as go

from r2p.engagement.analysis import (
    EngagementFilter,
    engagement_view,
    filtered,
    situation_tiers,
    situations_for_country,
)
from r2p.engagement.invitees import suggested_invitees
from r2p.engagement.registry import Registry, actor_table
from r2p.figures.engagement import engagement_matrix, engagement_network
from r2p.ui.cache import built, cached

actors = cached("actors")
situations = cached("situations")
engagements = cached("engagements")
tiers = cached("current_tiers")
current_period = cached("current_period")
engagement_gaps = cached("engagement_gaps")


def registry() -> Registry:
    """The registry as the warehouse holds it (kept per warehouse version, like every frame here)."""
    return built(_registry)


def everything() -> pd.DataFrame:
    """engagement_view of the registry: every engagement with its actor, situation and effective dates."""
    return built(_everything)


def actor_list() -> pd.DataFrame:
    """actor_table of the registry's actors: group, kind label, display label, ordered UN, US, Regional, Other."""
    return built(_actor_list)


def ranked(version: str) -> pd.DataFrame:
    """situation_tiers under the method version: each situation's highest model tier and its rank."""
    return built(_ranked, version)


def gaps(version: str, as_of: date, months: int) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The two gap lists on the date under the method version's current tiers: read.overview.engagement_gaps."""
    return engagement_gaps(version, current_period(version), as_of, months)


def map_figures(chosen: EngagementFilter, version: str, title: str) -> dict[str, go.Figure]:
    """{"Matrix": ..., "Network": ...}: the engagements the filters keep, by situation (tier order) and actor."""
    return built(_map_figures, chosen, version, title)


def invitees(version: str, situation_id: str, as_of: date) -> pd.DataFrame:
    """suggested_invitees for the situation on the date, under the method version."""
    return built(_invitees, version, situation_id, as_of)


def _registry() -> Registry:
    return Registry.from_frames(actors(), situations(), engagements())


def _everything() -> pd.DataFrame:
    return engagement_view(registry())


def _actor_list() -> pd.DataFrame:
    return actor_table(actors())


def _ranked(version: str) -> pd.DataFrame:
    return situation_tiers(registry().situations, tiers(version))


def _map_figures(chosen: EngagementFilter, version: str, title: str) -> dict[str, go.Figure]:
    now, order = registry(), ranked(version)
    shown = filtered(everything(), chosen, order)
    rows = now.situations.merge(order, on="situation_id").sort_values(["tier_rank", "name"])
    if chosen.tiers:
        rows = rows[rows["tier"].isin(list(chosen.tiers))]
    return {"Matrix": engagement_matrix(shown, rows, title), "Network": engagement_network(shown, order, title)}


def _invitees(version: str, situation_id: str, as_of: date) -> pd.DataFrame:
    return suggested_invitees(registry(), tiers(version), situation_id, as_of, view=everything())


def situation_options(country: str) -> dict[str, str]:
    """situation_id -> name: those covering the chosen country first, then the rest by name."""
    return built(_situation_options, country)


def _situation_options(country: str) -> dict[str, str]:
    registry_now = registry()
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
