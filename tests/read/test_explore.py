"""Read-side queries against a real demo warehouse, checked against pandas on the same rows."""

from __future__ import annotations

import duckdb
import pandas as pd

from r2p.read import explore
from r2p.warehouse import Warehouse
from r2p.warehouse.ingest import ingest
from r2p.warehouse.queries import query
from tests.helpers.data import ROOT
from tests.helpers.real_warehouse import real_warehouse

FIXTURES = ROOT / "tests" / "fixtures"
# Every row a source holds, by country and year, and its loads: what source_coverage counts, read row by row.
HELD = """
SELECT i.source_id, o.iso3, o.period AS year FROM observation o JOIN ingest i USING (ingest_id)
UNION ALL
SELECT source_id, iso3, year(event_date) FROM event
"""
LOADS = "SELECT source_id, max(finished_at) AS last_load, max(as_of) AS as_of FROM ingest GROUP BY source_id"
SOURCES = "SELECT source_id, name, is_demo FROM source"


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


def _coverage_row_by_row(warehouse: Warehouse) -> pd.DataFrame:
    with duckdb.connect(str(warehouse.current_file()), read_only=True) as connection:
        held, loads, sources = (connection.execute(text).df() for text in (HELD, LOADS, SOURCES))
    per_source = held.groupby("source_id", as_index=False).agg(
        countries=("iso3", "nunique"), first_year=("year", "min"), last_year=("year", "max"),
        rows_held=("year", "size"))
    return (sources.merge(per_source, on="source_id").merge(loads, on="source_id", how="left")
            .sort_values(["is_demo", "source_id"], ignore_index=True))


def test_source_coverage_counts_every_row_of_each_source_whichever_load_is_read_apart(warehouse: Warehouse) -> None:
    for source, path in (("acled", FIXTURES / "acled" / "acled_events.csv"),
                         ("ucdp", FIXTURES / "ucdp" / "GEDEvent_v23_1_CAR_sample.csv"),
                         ("wdi", FIXTURES / "wdi" / "WDICSV.csv")):
        assert ingest(warehouse, source, path).status == "loaded"
    expected = _coverage_row_by_row(warehouse)
    assert {"acled", "ucdp", "wdi"} <= set(expected["source_id"])  # events and observations, of several loads
    found = explore.source_coverage(warehouse, 2026)
    pd.testing.assert_frame_equal(found.drop(columns="stale"), expected, check_dtype=False)
    loads = [None, *query(warehouse, "read/ingest_history")["ingest_id"].astype(int)]
    for load in loads:  # the load read apart changes only the speed
        pd.testing.assert_frame_equal(query(warehouse, "read/source_coverage", {"load": load}),
                                      found.drop(columns="stale"))
