"""Read-side queries against a real demo warehouse, checked against pandas on the same rows."""

from __future__ import annotations

import duckdb
import pandas as pd

from r2p import explore
from r2p.warehouse import Warehouse


def _observations(warehouse: Warehouse) -> pd.DataFrame:
    with duckdb.connect(str(warehouse.current_file()), read_only=True) as connection:
        return connection.execute("SELECT o.*, c.un_subregion FROM observation o JOIN country c USING (iso3)").df()


def test_indicator_series_sits_beside_the_subregion_median(warehouse: Warehouse) -> None:
    series = explore.indicator_series(warehouse, "wdi.infant_mortality", "SDN").set_index("period")
    rows = _observations(warehouse)
    peers = rows[(rows["indicator_id"] == "wdi.infant_mortality") & (rows["un_subregion"] == "Northern Africa")]
    expected = peers.groupby("period")["value"].median()
    pd.testing.assert_series_equal(series["region_median"], expected, check_names=False, check_index_type=False)
    own = rows[(rows["indicator_id"] == "wdi.infant_mortality") & (rows["iso3"] == "SDN")].set_index("period")
    assert series["value"].dropna().to_dict() == own["value"].to_dict()
    assert series.loc[series["value"].notna(), "is_demo"].all()


def test_indicator_values_cover_one_year_and_carry_provenance(warehouse: Warehouse) -> None:
    values = explore.indicator_values(warehouse, "ewp.risk_2yr", 2025)
    assert values["iso3"].is_unique and len(values) > 150
    assert values["value"].is_monotonic_decreasing
    assert set(values["source_name"]) == {"R2P Watch demo data"}


def test_risk_factor_coverage_lists_all_fourteen(warehouse: Warehouse) -> None:
    coverage = explore.risk_factor_coverage(warehouse)
    assert list(coverage["factor"]) == list(range(1, 15))
    assert set(coverage.loc[coverage["indicators"] == 0, "factor"]) == {4, 5, 10, 14}  # what the demo lacks
