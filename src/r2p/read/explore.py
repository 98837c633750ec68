"""Read-side domain queries behind the pages: countries, indicators, values and series, with demo flags."""

from __future__ import annotations

import pandas as pd

from r2p.warehouse.queries import query
from r2p.warehouse.store import Warehouse


def countries(warehouse: Warehouse) -> pd.DataFrame:
    """iso3, name, UN region and status of every country, by name."""
    return query(warehouse, "read/country_names")


def indicators(warehouse: Warehouse) -> pd.DataFrame:
    """Indicators that have data: id, name, unit, direction, risk factors, source, year span, demo flag."""
    return query(warehouse, "read/indicators_with_data")


def indicator_values(warehouse: Warehouse, indicator_id: str, period: int) -> pd.DataFrame:
    """One value per country for an indicator and year: iso3, name, value, is_demo."""
    return query(warehouse, "read/indicator_values", {"indicator_id": indicator_id, "period": period})


def country_series(warehouse: Warehouse, iso3: str) -> pd.DataFrame:
    """Every indicator's yearly values for one country: indicator_id, name, unit, period, value, is_demo."""
    return query(warehouse, "read/country_series", {"iso3": iso3})


def data_sources(warehouse: Warehouse) -> pd.DataFrame:
    """Per source holding data: name, citation, rows, as-of date, last load, demo flag."""
    return query(warehouse, "read/source_status")


def ingests(warehouse: Warehouse) -> pd.DataFrame:
    """Every load, newest first."""
    return query(warehouse, "read/ingest_history")


def risk_factor_coverage(warehouse: Warehouse) -> pd.DataFrame:
    """For each UN Framework risk factor 1-14: how many indicators with data inform it."""
    return query(warehouse, "read/risk_factor_coverage")


STALE_AFTER_YEARS = 2


def source_coverage(warehouse: Warehouse, this_year: int) -> pd.DataFrame:
    """Per source: countries × years covered, rows, last load, as-of, and `stale` when its newest year is more
    than STALE_AFTER_YEARS behind the last complete year."""
    largest = query(warehouse, "read/largest_load")["ingest_id"]
    coverage = query(warehouse, "read/source_coverage", {"load": int(largest.iloc[0]) if len(largest) else None})
    return coverage.assign(stale=coverage["last_year"] < this_year - 1 - STALE_AFTER_YEARS)


def rejected_rows(warehouse: Warehouse) -> pd.DataFrame:
    """Rows left out of accepted loads, grouped by load and reason."""
    return query(warehouse, "read/rejected_rows")
