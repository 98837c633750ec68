"""The warehouse-wide facts every briefing reads (countries, methods, tiers, the engagement registry, reviews,
sources), each read once per warehouse version and process, whichever country is briefed."""

from __future__ import annotations

import threading
from collections.abc import Callable, Hashable
from datetime import date
from typing import TypeVar

import pandas as pd

from r2p.engagement.analysis import engagement_view
from r2p.engagement.registry import Registry, load_registry
from r2p.exports.convening_rows import indicator_names
from r2p.read import explore, profile
from r2p.reviews.records import list_reviews
from r2p.tiers import current_period, scored_methods
from r2p.tiers.method import TierMethod
from r2p.warehouse.queries import query
from r2p.warehouse.store import Warehouse

KEPT_VERSIONS = 4  # warehouse versions (of any location) whose reads are held; the oldest is dropped first

T = TypeVar("T")
_held: dict[tuple[str, str], dict[Hashable, object]] = {}
_held_lock = threading.Lock()


def held(warehouse: Warehouse, key: Hashable, read: Callable[[], T]) -> T:
    """`read()`, run once per warehouse version and `key`.

    NOTE: keyed by Warehouse.version_token(), which every write changes (a new file version locally, a counted
    or recorded change remotely) and which a snapshot pins: the same key the process's read connection is held
    by, so a held value is never older than what a fresh read would see. Callers get the held object itself:
    the functions below hand out copies of frames, so no briefing can change another's."""
    version = (warehouse.location, warehouse.version_token())
    with _held_lock:
        reads = _held.get(version)
        if reads is not None and key in reads:
            return reads[key]  # type: ignore[return-value]
    value = read()
    with _held_lock:
        _held.setdefault(version, {})[key] = value
        while len(_held) > KEPT_VERSIONS:
            del _held[next(iter(_held))]
    return value


def methods(warehouse: Warehouse) -> list[str]:
    """tiers.scored_methods."""
    return list(held(warehouse, "scored_methods", lambda: scored_methods(warehouse)))


def country_names(warehouse: Warehouse) -> pd.Series:
    """Country name by ISO3 code (explore.countries)."""
    return held(warehouse, "country_names",
                lambda: explore.countries(warehouse).set_index("iso3")["name"]).copy()


def indicators(warehouse: Warehouse) -> dict[str, str]:
    """Indicator id → name (convening_rows.indicator_names)."""
    return dict(held(warehouse, "indicator_names", lambda: indicator_names(warehouse)))


def period(warehouse: Warehouse, method: TierMethod) -> int | None:
    """tiers.current_period of the method."""
    return held(warehouse, ("current_period", method.label, method.coverage_floor),
                lambda: current_period(warehouse, method))


def tiers(warehouse: Warehouse, method: TierMethod, period: int | None) -> pd.DataFrame:
    """Every country's tier in the method's `period` (tiers.current_tiers, given the period)."""
    return held(warehouse, ("current_tiers", method.label, period), lambda: query(
        warehouse, "read/current_tiers", {"method_version": method.label, "period": period})).copy()


def registry(warehouse: Warehouse) -> tuple[Registry, pd.DataFrame]:
    """The engagement registry (load_registry) and its engagement_view."""
    shared, view = held(warehouse, "registry", lambda: _registry_and_view(warehouse))
    return Registry(*(frame.copy() for frame in (shared.actors, shared.situations, shared.engagements,
                                                 shared.coverage))), view.copy()


def reviews(warehouse: Warehouse, today: date) -> pd.DataFrame:
    """Every review with its state on `today` (records.list_reviews)."""
    return held(warehouse, ("reviews", today), lambda: list_reviews(warehouse, today)).copy()


def sources(warehouse: Warehouse) -> pd.DataFrame:
    """name, publisher, citation, is_demo, as_of, last_load of every source."""
    return held(warehouse, "sources", lambda: query(warehouse, "read/briefing_sources")).copy()


def last_event(warehouse: Warehouse) -> object:
    """The latest event date held for any country (None or NaT when there are no events)."""
    return held(warehouse, "last_event", lambda: profile.latest_event_date(warehouse)["last_date"].iloc[0])


def _registry_and_view(warehouse: Warehouse) -> tuple[Registry, pd.DataFrame]:
    registry = load_registry(warehouse)
    return registry, engagement_view(registry)
