"""The warehouse-wide facts every briefing reads (countries, methods, tiers, the engagement registry, reviews,
sources), each read once per warehouse version and process, whichever country is briefed."""

from __future__ import annotations

import pandas as pd

from r2p.engagement.analysis import engagement_view
from r2p.engagement.registry import Registry, load_registry
from r2p.read import held as warehouse_wide
from r2p.read.held import held
from r2p.tiers.method import TierMethod
from r2p.warehouse.queries import query
from r2p.warehouse.store import Warehouse

# The reads a key-judgement draft shares (r2p.read.held), under the names the briefing calls them by.
methods = warehouse_wide.methods
country_names = warehouse_wide.country_names
indicators = warehouse_wide.indicators
period = warehouse_wide.period
reviews = warehouse_wide.reviews
last_event = warehouse_wide.last_event


def tiers(warehouse: Warehouse, method: TierMethod, period: int | None) -> pd.DataFrame:
    """Every country's tier in the method's `period` (tiers.current_tiers, given the period)."""
    return held(warehouse, ("current_tiers", method.label, period), lambda: query(
        warehouse, "read/current_tiers", {"method_version": method.label, "period": period})).copy()


def registry(warehouse: Warehouse) -> tuple[Registry, pd.DataFrame]:
    """The engagement registry (load_registry) and its engagement_view."""
    shared, view = held(warehouse, "registry", lambda: _registry_and_view(warehouse))
    return Registry(*(frame.copy() for frame in (shared.actors, shared.situations, shared.engagements,
                                                 shared.coverage))), view.copy()


def sources(warehouse: Warehouse) -> pd.DataFrame:
    """name, publisher, citation, is_demo, as_of, last_load of every source."""
    return held(warehouse, "sources", lambda: query(warehouse, "read/briefing_sources")).copy()


def _registry_and_view(warehouse: Warehouse) -> tuple[Registry, pd.DataFrame]:
    registry = load_registry(warehouse)
    return registry, engagement_view(registry)
