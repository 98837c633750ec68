"""Sub-national surges on the real UCDP GED 23.1 CAR file, checked against a separate weekly count of the file."""

from __future__ import annotations

from datetime import date

import pandas as pd
import pyogrio
import pytest

from r2p.read.surges import country_surges, surge_areas, surge_rule
from r2p.triggers.surges import admin1_surges
from r2p.warehouse import Warehouse
from r2p.warehouse.ingest import ingest
from r2p.warehouse.queries import query
from tests.helpers.data import require_shared

GED = "ucdp/GEDEvent_v23_1_CAR.geojson"
LAST_EVENT = date(2022, 12, 30)


@pytest.fixture(scope="module")
def weekly_by_hand() -> set[tuple[str, date, int]]:
    """(area, Monday, events) of every surge week, counted from the file with pandas' own weekly resampling."""
    features = pyogrio.read_dataframe(require_shared(GED))
    features = features.assign(day=pd.to_datetime(features["date_start"]).dt.normalize())
    features = features[features["adm_1"].fillna("").str.strip() != ""]
    rule, found = surge_rule(), set()
    for area, events in features.groupby("adm_1"):
        weeks = events.set_index("day").resample("W-SUN").size()  # weeks labelled by their Sunday
        weeks = weeks.reindex(pd.date_range(weeks.index[0] - pd.Timedelta(weeks=rule.weeks_before),
                                            weeks.index[-1], freq="W-SUN"), fill_value=0)
        before = weeks.shift(1).rolling(rule.weeks_before).mean()
        surge = (weeks >= rule.minimum) & (weeks >= rule.surge_ratio * before)
        found |= {(str(area), (sunday - pd.Timedelta(days=6)).date(), int(weeks[sunday]))
                  for sunday in weeks.index[surge]}
    return found


def test_admin1_surges_on_the_real_car_file_match_a_count_by_hand(warehouse: Warehouse,
                                                                   weekly_by_hand: set) -> None:
    assert ingest(warehouse, "ucdp", require_shared(GED)).status == "loaded"
    events = query(warehouse, "read/surge_country_events", {"iso3": "CAF", "since": date(1989, 1, 1),
                                                            "as_of": LAST_EVENT})
    rule = surge_rule()
    every_week = (LAST_EVENT - date(1989, 1, 2)).days // 7 + 1
    found = admin1_surges(events, LAST_EVENT, weeks_before=rule.weeks_before, ratio=rule.surge_ratio,
                          minimum=rule.minimum, violence_types=rule.violence_types, weeks=every_week)
    assert {(r.admin1, r.week_start.date(), r.events) for r in found.itertuples()} == weekly_by_hand
    assert len(found) == 36  # counted from the file by hand: 36 area-weeks since 1989, 9 of them in Bangui
    assert (found["admin1"] == "Bangui province").sum() == 9
    bangui = found[(found["admin1"] == "Bangui province") & (found["week_start"] == "2014-01-27")].iloc[0]
    assert (bangui["events"], bangui["prior_average"]) == (12, 5.75)  # after weeks of 1, 8, 3 and 11 events
    # The page's year, to 30 December 2022, holds no surge week in CAR: at most 4 events in a week in any area.
    assert country_surges(warehouse, "CAF").empty and surge_areas(country_surges(warehouse, "CAF")).empty
