"""Warehouse-wide reads (countries, indicators, tier methods and their current period, reviews, the latest event)
held once per warehouse version and process, whichever country a briefing or a key-judgement draft is about."""

from __future__ import annotations

import threading
from collections.abc import Callable, Hashable
from datetime import date
from typing import TypeVar

import pandas as pd

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
    the functions below (and exports/briefing_reads) hand out copies, so no caller can change another's. Only
    reads that do not depend on the country asked about belong here."""
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


def indicator_names(warehouse: Warehouse) -> dict[str, str]:
    """Indicator id → name, of every indicator holding a value (as explore.indicators, without the year spans);
    read afresh."""
    rows = query(warehouse, "read/briefing_indicator_names")
    return dict(zip(rows["indicator_id"], rows["name"], strict=True))


def indicators(warehouse: Warehouse) -> dict[str, str]:
    """indicator_names, held."""
    return dict(held(warehouse, "indicator_names", lambda: indicator_names(warehouse)))


def period(warehouse: Warehouse, method: TierMethod) -> int | None:
    """tiers.current_period of the method."""
    return held(warehouse, ("current_period", method.label, method.coverage_floor),
                lambda: current_period(warehouse, method))


def reviews(warehouse: Warehouse, today: date) -> pd.DataFrame:
    """Every review with its state on `today` (records.list_reviews)."""
    return held(warehouse, ("reviews", today), lambda: list_reviews(warehouse, today)).copy()


def last_event(warehouse: Warehouse) -> object:
    """The latest event date held for any country (None or NaT when there are no events)."""
    return held(warehouse, "last_event", lambda: profile.latest_event_date(warehouse)["last_date"].iloc[0])
