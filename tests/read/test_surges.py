"""Sub-national surges on the real UCDP GED 23.1 CAR file, checked against a separate weekly count of the file."""

from __future__ import annotations

import random
from datetime import date, timedelta
from pathlib import Path

import duckdb
import pandas as pd
import pyogrio
import pytest

from r2p.read.surges import WEEKS_SHOWN, country_surges, surge_areas, surge_rule
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
    events = query(warehouse, "read/surge_events", {"since": date(1989, 1, 1), "as_of": LAST_EVENT})
    events = events[events["iso3"] == "CAF"]
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


# Every event of a country with its source's name and whether its load is a GED Candidate: what the page's surges
# were computed from, event by event in pandas, before the warehouse counted them per area and week.
EVENTS = """
SELECT e.iso3, e.event_date, e.admin1, e.latitude, e.longitude, e.violence_type,
       coalesce(e.deaths_best, 0) AS deaths_best, coalesce(c.provisional, false) AS provisional,
       s.name AS source_name
FROM event e
JOIN source s ON s.source_id = e.source_id
LEFT JOIN event_coverage c ON c.ingest_id = e.ingest_id AND c.iso3 = e.iso3
WHERE e.iso3 = $iso3
"""
AREAS = ["Ituri", "Nord-Kivu", "Sud-Kivu", ""]  # "": an event without an admin-1 area


def _weeks_of_events(rng: random.Random, first: date, weeks: int, kinds: tuple[int, ...] = (1, 2, 3),
                     ) -> list[tuple[date, str, int]]:
    """(day, area, violence type) for weeks of few events with bursts: some areas surge, some do not."""
    rows = []
    for week in range(weeks):
        for area in AREAS:
            count = rng.choice([0, 1, 1, 2, 3]) + (rng.choice([0, 0, 0, 0, 6, 9]) if area else 0)
            rows += [(first + timedelta(weeks=week, days=rng.randrange(7)), area, rng.choice(kinds))
                     for _ in range(count)]
    return rows


def _ged(path: Path, rows: list[tuple[date, str, int]], start: int) -> Path:
    lines = [f"{start + i},490,{day},{day},{kind},{i % 4},{i % 4},{i % 4},{-1 - i / 1000:.4f},{28 + i / 997:.4f},"
             f"{area},Group - Civilians" for i, (day, area, kind) in enumerate(rows)]
    path.write_text("id,country_id,date_start,date_end,type_of_violence,best,low,high,latitude,longitude,adm_1,"
                    "dyad_name\n" + "\n".join(lines) + "\n", encoding="utf-8")
    return path


def _acled(path: Path, rows: list[tuple[date, str, int]]) -> Path:
    kinds = {1: ("Battles", "State forces"), 2: ("Battles", "Rebel group"), 3: ("Violence against civilians", ""),
             0: ("Protests", "")}  # 0: no UCDP violence type, so the surge rule does not count it
    lines = [f"COD{i:05d},{day.day} {day:%B %Y},{kinds[kind][0]},,{kinds[kind][1]},,,180,Democratic Republic of "
             f"Congo,{area},{-2 - i / 1000:.4f},{29 + i / 991:.4f},{i % 3}" for i, (day, area, kind) in enumerate(rows)]
    path.write_text("event_id_cnty,event_date,event_type,sub_event_type,inter1,inter2,civilian_targeting,iso,"
                    "country,admin1,latitude,longitude,fatalities\n" + "\n".join(lines) + "\n", encoding="utf-8")
    return path


def _surges_event_by_event(warehouse: Warehouse, iso3: str) -> pd.DataFrame:
    """The page's surges the way they were computed before the warehouse counted them: the rule on every event of
    the year in pandas, each surge week marked provisional when any of its events is and with its sources' names."""
    with duckdb.connect(str(warehouse.current_file()), read_only=True) as connection:
        events = connection.execute(EVENTS, {"iso3": iso3}).df()
    as_of = pd.Timestamp(events["event_date"].max()).date()
    rule = surge_rule()
    surges = admin1_surges(events, as_of, weeks_before=rule.weeks_before, ratio=rule.surge_ratio,
                           minimum=rule.minimum, violence_types=rule.violence_types, weeks=WEEKS_SHOWN)
    dated = events.assign(week_start=pd.to_datetime(events["event_date"]).dt.to_period("W-SUN").dt.start_time)
    marks = dated.groupby(["admin1", "week_start"], as_index=False).agg(
        provisional=("provisional", "any"), source_name=("source_name", lambda names: ", ".join(sorted(set(names)))))
    return surges.merge(marks, on=["admin1", "week_start"], how="left").assign(as_of=as_of)


def test_the_pages_surges_counted_by_the_warehouse_equal_the_rule_on_every_event(warehouse: Warehouse,
                                                                                tmp_path: Path) -> None:
    rng = random.Random(16)
    ged, acled = _weeks_of_events(rng, date(2024, 1, 1), 52), _weeks_of_events(rng, date(2024, 1, 1), 52, (0, 1, 3))
    candidate = _weeks_of_events(rng, date(2024, 12, 30), 5)  # January 2025: a GED Candidate (provisional) month
    assert ingest(warehouse, "ucdp", _ged(tmp_path / "GEDEvent_v25_1.csv", ged, 1)).status == "loaded"
    assert ingest(warehouse, "acled", _acled(tmp_path / "acled_cod.csv", acled)).status == "loaded"
    candidate = [row for row in candidate if row[0].year == 2025]
    assert ingest(warehouse, "ucdp", _ged(tmp_path / "GEDEvent_v25_0_1.csv", candidate, 10**6)).status == "loaded"
    found, expected = country_surges(warehouse, "COD"), _surges_event_by_event(warehouse, "COD")
    pd.testing.assert_frame_equal(found, expected, check_exact=False, rtol=1e-12)  # centroids: summed in any order
    assert found["provisional"].any() and not found["provisional"].all()  # the data holds both kinds of week
    assert found["source_name"].str.contains(", ").any()  # and weeks with events of both sources
