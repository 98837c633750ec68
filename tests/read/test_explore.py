"""Read-side queries against a real demo warehouse, checked against pandas on the same rows."""

from __future__ import annotations

from r2p.read import explore
from r2p.warehouse import Warehouse


def test_indicator_values_cover_one_year_and_carry_provenance(warehouse: Warehouse) -> None:
    values = explore.indicator_values(warehouse, "ewp.risk_2yr", 2025)
    assert values["iso3"].is_unique and len(values) > 150
    assert values["value"].is_monotonic_decreasing
    assert set(values["source_name"]) == {"R2P Watch demo data"}


def test_risk_factor_coverage_lists_all_fourteen(warehouse: Warehouse) -> None:
    coverage = explore.risk_factor_coverage(warehouse)
    assert list(coverage["factor"]) == list(range(1, 15))
    assert set(coverage.loc[coverage["indicators"] == 0, "factor"]) == {4, 5, 10, 14}  # what the demo lacks
