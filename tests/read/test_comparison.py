"""The Trends comparison: each chosen country's values and its sub-region's median, checked against pandas."""

from __future__ import annotations

import duckdb
import pandas as pd

from r2p.read import comparison
from r2p.warehouse import Warehouse


def test_countries_and_their_subregion_medians(warehouse: Warehouse) -> None:
    series = comparison.compare_series(warehouse, ["wdi.infant_mortality", "vdem.v2x_polyarchy"], ["SDN", "MMR"])
    with duckdb.connect(str(warehouse.current_file()), read_only=True) as connection:
        rows = connection.execute("SELECT o.*, c.un_subregion FROM observation o JOIN country c USING (iso3)").df()
    assert set(series.loc[series["kind"] == "country", "iso3"]) == {"SDN", "MMR"}
    assert set(series.loc[series["kind"] == "median", "line"]) == {"Northern Africa median",
                                                                   "South-eastern Asia median"}
    medians = series[(series["kind"] == "median") & (series["indicator_id"] == "wdi.infant_mortality")
                     & (series["un_subregion"] == "Northern Africa")].set_index("period")["value"]
    peers = rows[(rows["indicator_id"] == "wdi.infant_mortality") & (rows["un_subregion"] == "Northern Africa")]
    pd.testing.assert_series_equal(medians, peers.groupby("period")["value"].median(), check_names=False,
                                   check_index_type=False)
    own = series[(series["kind"] == "country") & (series["iso3"] == "SDN")
                 & (series["indicator_id"] == "wdi.infant_mortality")].set_index("period")["value"]
    expected = rows[(rows["iso3"] == "SDN") & (rows["indicator_id"] == "wdi.infant_mortality")]
    assert own.to_dict() == expected.set_index("period")["value"].to_dict()


def test_nothing_chosen_gives_nothing(warehouse: Warehouse) -> None:
    assert comparison.compare_series(warehouse, [], ["SDN"]).empty
    assert comparison.compare_series(warehouse, ["wdi.infant_mortality"], []).empty
