"""Read-side queries against a real demo warehouse, checked against pandas on the same rows."""

from __future__ import annotations

import pandas as pd

from r2p.read import explore
from r2p.warehouse import Warehouse
from tests.helpers.real_warehouse import real_warehouse


def test_indicator_values_cover_one_year_and_carry_provenance(warehouse: Warehouse) -> None:
    values = explore.indicator_values(warehouse, "ewp.risk_2yr", 2025)
    assert values["iso3"].is_unique and len(values) > 150
    assert values["value"].is_monotonic_decreasing
    assert set(values["source_name"]) == {"R2P Watch demo data"}


def test_risk_factor_coverage_lists_all_fourteen(warehouse: Warehouse) -> None:
    coverage = explore.risk_factor_coverage(warehouse)
    assert list(coverage["factor"]) == list(range(1, 15))
    assert set(coverage.loc[coverage["indicators"] == 0, "factor"]) == {4, 5, 10, 14}  # what the demo lacks


def test_on_real_data_every_source_has_an_as_of_date_vdem_and_wdi_the_end_of_their_last_year() -> None:
    real = Warehouse(str(real_warehouse()))
    sources = explore.data_sources(real).set_index("source_id")
    assert sources["as_of"].notna().all(), sources["as_of"]
    coverage = explore.source_coverage(real, 2026).set_index("source_id")
    for source in ("vdem", "wdi"):
        last_year = int(coverage.loc[source, "last_year"])
        assert pd.Timestamp(sources.loc[source, "as_of"]) == pd.Timestamp(last_year, 12, 31)
        assert pd.Timestamp(coverage.loc[source, "as_of"]) == pd.Timestamp(last_year, 12, 31)
