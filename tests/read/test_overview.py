"""The Overview's summary reads: "High risk, nobody engaged" in one query, checked against the registry analysis."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pandas as pd
import pytest

from r2p.engagement import registry
from r2p.engagement.analysis import unengaged
from r2p.read import overview
from r2p.tiers import current_period, scored_methods, tier_table
from r2p.warehouse import Warehouse

DAYS = (date(2026, 12, 6), date(2025, 1, 1), date(2023, 12, 31), date(2020, 6, 30), date(2015, 1, 1))


@pytest.fixture(scope="module")
def demo(template_warehouse: Path) -> Warehouse:
    return Warehouse(str(template_warehouse))


def test_unengaged_is_the_registry_analysis_on_every_method_period_and_day(demo: Warehouse) -> None:
    loaded = registry.load_registry(demo)
    assert not loaded.engagements.empty and loaded.engagements["ended_precision"].isin(["month", "year"]).any()
    listed = 0
    for method in scored_methods(demo):
        for period in (current_period(demo, method), 2015):
            for day in DAYS:
                expected = unengaged(loaded, tier_table(demo, method, period), day)
                pd.testing.assert_frame_equal(overview.unengaged(demo, method, period, day), expected,
                                              check_exact=True)
                listed += len(expected)
    assert listed  # some situation is high risk with nobody engaged on some day


def test_without_tiers_every_situation_with_no_active_engagement_is_listed(demo: Warehouse) -> None:
    method = scored_methods(demo)[0]
    expected = unengaged(registry.load_registry(demo), tier_table(demo, method, 1900), date(2015, 1, 1))
    assert set(expected["tier"]) == {"No tier"} and len(expected)
    pd.testing.assert_frame_equal(overview.unengaged(demo, method, 1900, date(2015, 1, 1)), expected,
                                  check_exact=True)
