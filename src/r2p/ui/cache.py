"""Cached wrappers of the domain queries: the same functions run uncached from the CLI and tests."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, ParamSpec, TypeVar

import pandas as pd
import streamlit as st

from r2p import explore
from r2p.warehouse.store import Warehouse

P = ParamSpec("P")
T = TypeVar("T")


def cached(function: Callable[..., pd.DataFrame]) -> Callable[..., pd.DataFrame]:
    """Cache a `function(warehouse, *args)` per warehouse version, so a new ingest shows without a restart."""

    @st.cache_data(show_spinner=False, max_entries=512)
    def run(location: str, version: str, *args: Any) -> pd.DataFrame:
        return function(Warehouse(location), *args)

    run.__name__ = function.__name__

    def call(*args: Any) -> pd.DataFrame:
        warehouse = Warehouse.default()
        return run(warehouse.location, warehouse.version_token(), *args)

    return call


countries = cached(explore.countries)
indicators = cached(explore.indicators)
indicator_values = cached(explore.indicator_values)
country_series = cached(explore.country_series)
indicator_series = cached(explore.indicator_series)
data_sources = cached(explore.data_sources)
ingests = cached(explore.ingests)
risk_factor_coverage = cached(explore.risk_factor_coverage)
