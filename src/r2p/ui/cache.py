"""Cached wrappers of the domain queries: the same functions run uncached from the CLI and tests."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pandas as pd
import streamlit as st

from r2p import tiers
from r2p.read import comparison, explore, profile, standings
from r2p.reviews import records as reviews
from r2p.tiers import backtest
from r2p.warehouse.store import Warehouse

Query = Callable[..., pd.DataFrame]
_QUERIES: dict[str, Query] = {}


SNAPSHOT = "r2p_snapshot"  # the warehouse as this script run found it (set by the shell before every page)


def run_snapshot() -> Warehouse:
    """The warehouse version this page run reads, so its queries never mix data from before and after a write."""
    held = st.session_state.get(SNAPSHOT)
    current = Warehouse.default()
    return held if isinstance(held, Warehouse) and held.location == current.location else current.snapshot()


@st.cache_data(show_spinner=False, max_entries=1024)
def _run(name: str, location: str, version: str, _snapshot: Warehouse, *args: Any) -> pd.DataFrame:
    # NOTE: one cached function keyed by query name: st.cache_data tells functions apart by their source,
    # so per-query closures of the same code would share (and clobber) one cache. The snapshot is not hashed
    # (leading underscore): location and version name it.
    return _QUERIES[name](_snapshot, *args)


def cached(function: Query) -> Query:
    """Cache `function(warehouse, *args)` per warehouse version, so a new ingest shows without a restart."""
    name = f"{function.__module__}.{function.__qualname__}"
    _QUERIES[name] = function

    def call(*args: Any) -> pd.DataFrame:
        warehouse = run_snapshot()
        return _run(name, warehouse.location, warehouse.version_token(), warehouse, *args)

    return call


countries = cached(explore.countries)
indicators = cached(explore.indicators)
indicator_values = cached(explore.indicator_values)
country_series = cached(explore.country_series)
data_sources = cached(explore.data_sources)
ingests = cached(explore.ingests)
risk_factor_coverage = cached(explore.risk_factor_coverage)
source_coverage = cached(explore.source_coverage)
rejected_rows = cached(explore.rejected_rows)
backtest_report = cached(backtest.backtest_report)

# Tiers, movers, reviews, country profile and Trends comparison (Overview, Country, Trends, Reviews pages).
tier_table = cached(tiers.tier_table)
scored_periods = cached(standings.scored_periods)
tier_movers = cached(standings.tier_movers)
review_list = cached(reviews.list_reviews)
tier_history = cached(profile.tier_history)
recent_events = cached(profile.recent_events)
latest_event_date = cached(profile.latest_event_date)
compare_series = cached(comparison.compare_series)
