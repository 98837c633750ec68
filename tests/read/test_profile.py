"""Country profile queries and their pure helpers, against a real demo warehouse."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import duckdb
import pandas as pd
import pytest

from r2p.access.rights import Role, User
from r2p.catalog import RISK_FACTORS
from r2p.figures.event_map import MAX_POINTS
from r2p.provenance import of_rows, of_values
from r2p.read import profile
from r2p.read.explore import data_sources
from r2p.tiers import tier_table
from r2p.tiers.assessment import record_assessment
from r2p.tiers.method import method
from r2p.vocabulary import INSUFFICIENT
from r2p.warehouse import Warehouse
from r2p.warehouse.migrate import migrate
from r2p.warehouse.queries import run
from tests.helpers.real_warehouse import real_warehouse

COMPOSITE = method("composite-1")
ANA = User("Ana", Role.EDITOR, "local account")


def _rows(warehouse: Warehouse, sql: str, params: dict) -> pd.DataFrame:
    with duckdb.connect(str(warehouse.current_file()), read_only=True) as connection:
        return connection.execute(sql, params).df()


def test_tier_history_keeps_the_model_tier_and_puts_the_assessment_beside_it(warehouse: Warehouse) -> None:
    before = profile.tier_history(warehouse, "SDN", "composite-1")
    latest = int(before["period"].max())
    record_assessment(warehouse, "SDN", latest, "Very high", "Field reports of mass atrocities in Darfur.", ANA)
    record_assessment(warehouse, "SDN", latest, "High", "Revised after a second look at the reports.",
                      User("Ben", Role.EDITOR, "oidc"))
    after = profile.tier_history(warehouse, "SDN", "composite-1")
    pd.testing.assert_frame_equal(before.drop(columns=before.filter(like="assessed").columns),
                                  after.drop(columns=after.filter(like="assessed").columns))
    row = profile.period_row(after, latest)
    assert (row["assessed_tier"], row["assessed_by"]) == ("High", "Ben")  # the latest assessment is shown
    assert after["assessed_tier"].notna().sum() == 1


def test_an_assessment_of_an_unscored_year_still_shows(warehouse: Warehouse) -> None:
    record_assessment(warehouse, "SDN", 1985, "High", "Historic assessment before the scored span.", ANA)
    history = profile.tier_history(warehouse, "SDN", "composite-1")
    row = profile.period_row(history, 1985)
    assert row is not None and pd.isna(row["tier"]) and row["assessed_tier"] == "High"


def test_tier_histories_are_each_methods_tier_history_in_one_read(warehouse: Warehouse) -> None:
    record_assessment(warehouse, "SDN", 2024, "Very high", "Field reports of mass atrocities in Darfur.", ANA)
    record_assessment(warehouse, "SDN", 1985, "High", "Historic assessment before the scored span.", ANA)
    versions = ["ewp-1", "composite-1", "composite-2"]
    histories = profile.tier_histories(warehouse, "SDN", versions)
    assert list(histories) == versions
    for version in versions:
        pd.testing.assert_frame_equal(histories[version], profile.tier_history(warehouse, "SDN", version))
    assert all(histories[version]["assessed_tier"].notna().sum() == 2 for version in versions)
    for version in versions:  # and each is that method's model tier, as the tier table holds it
        scored = histories[version].dropna(subset=["tier"]).set_index("period")
        last = int(scored.index.max())
        assert scored.loc[last, "tier"] == tier_table(warehouse, version, last).set_index("iso3").loc["SDN", "tier"]
    alone = profile.tier_histories(warehouse, "NOR", ["composite-1"])["composite-1"]
    pd.testing.assert_frame_equal(alone, profile.tier_history(warehouse, "NOR", "composite-1"))


def test_factor_parts_name_the_un_framework_factors_and_add_up_to_the_score(warehouse: Warehouse) -> None:
    row = profile.period_row(profile.tier_history(warehouse, "MMR", "composite-1"), 2025)
    parts = profile.factor_parts(row["contributions"])
    assert set(parts["name"]) <= set(RISK_FACTORS.values()) and len(parts) >= 5
    assert parts["part"].sum() == pytest.approx(row["score"], abs=1e-4)
    kind, same = profile.score_parts(row, {})
    assert kind == "UN Framework risk factors" and same.equals(parts)


def test_a_direct_method_is_explained_by_its_indicator(warehouse: Warehouse) -> None:
    row = profile.period_row(profile.tier_history(warehouse, "MMR", "ewp-1"), 2025)
    kind, parts = profile.score_parts(row, {"ewp.risk_2yr": "EWP risk"})
    assert kind == "indicators" and list(parts["name"]) == ["EWP risk"]
    assert parts["part"].iloc[0] == pytest.approx(row["score"])


def test_insufficient_data_says_which_indicators_are_missing(warehouse: Warehouse) -> None:
    stored = _rows(warehouse, "SELECT iso3, period FROM risk_score WHERE method_version = 'composite-1'"
                              " AND tier = $t ORDER BY iso3 LIMIT 1", {"t": INSUFFICIENT})
    iso3, period = stored.iloc[0]
    row = profile.period_row(profile.tier_history(warehouse, iso3, "composite-1"), int(period))
    present = set(json.loads(row["contributions"])["indicators"])
    missing = [spec.id for spec in COMPOSITE.indicators if spec.id not in present]
    reason = profile.insufficiency_reason(row, COMPOSITE, {})
    assert f"{row['coverage']:.0%}" in reason and "60%" in reason and "composite-1" in reason
    assert all(indicator in reason for indicator in missing)


def test_no_reason_for_a_real_tier_and_a_plain_one_for_no_score() -> None:
    row = pd.Series({"tier": "High", "coverage": 1.0, "contributions": "{}"})
    assert profile.insufficiency_reason(row, COMPOSITE, {}) is None
    assert "no score" in profile.insufficiency_reason(None, COMPOSITE, {})


def test_recent_events_are_the_countrys_last_twelve_months(warehouse: Warehouse) -> None:
    events = profile.recent_events(warehouse, "MMR")
    last = pd.Timestamp(profile.latest_event_date(warehouse)["last_date"].iloc[0])
    expected = _rows(warehouse, "SELECT count(*) AS n FROM event WHERE iso3 = 'MMR' AND latitude IS NOT NULL"
                                " AND event_date > $last - INTERVAL 12 MONTH", {"last": last})["n"].iloc[0]
    assert len(events) == expected > 0
    assert events["event_date"].min() > last - pd.DateOffset(months=12)
    assert events["is_demo"].all() and events[["latitude", "longitude"]].notna().all().all()


def test_default_indicators_are_the_methods_and_picking_keeps_their_rows() -> None:
    series = pd.DataFrame({"indicator_id": ["x.other", "ucdp.osv_deaths", "wdi.infant_mortality"]})
    assert profile.default_indicators(series, COMPOSITE) == ["ucdp.osv_deaths", "wdi.infant_mortality"]
    assert profile.default_indicators(series[:1], COMPOSITE) == ["x.other"]
    assert list(profile.picked_series(series, ["x.other"])["indicator_id"]) == ["x.other"]


def test_the_shown_period_is_a_scored_one_else_the_current_one() -> None:
    history = pd.DataFrame({"period": [2023, 2024, 2030], "tier": ["Low", "High", None]})
    assert profile.shown_period(history, 2023, 2024) == 2023
    assert profile.shown_period(history, 2030, 2024) == 2024  # only an assessment there: the current period
    assert profile.shown_period(history, 2030, 2022) == 2022  # not the country's latest: the method's current
    assert profile.shown_period(history.iloc[:0], 2030, None) == 2030


def test_on_real_data_the_event_window_ends_at_the_countrys_last_event_in_the_chosen_year() -> None:
    real = Warehouse(str(real_warehouse()))
    anywhere = pd.Timestamp(profile.latest_event_date(real)["last_date"].iloc[0])
    until = pd.Timestamp(profile.last_country_event(real, "CAF", 2020)["last_date"].iloc[0])
    assert anywhere.year == 2022 and until.year == 2020  # the page said "12 months to 2022-12-30" for 2020
    events = profile.country_events(real, "CAF", until.date())
    dates = pd.to_datetime(events["event_date"])
    assert len(events) and dates.max() == until and dates.min() > until - pd.DateOffset(months=12)
    assert pd.isna(profile.last_country_event(real, "SDN", 2020)["last_date"].iloc[0])  # GED file: CAF only
    assert pd.isna(profile.last_country_event(real, "CAF", 1988)["last_date"].iloc[0])  # before GED's first


def test_on_real_data_the_events_source_line_gives_the_events_own_release_date() -> None:
    real = Warehouse(str(real_warehouse()))
    events = profile.country_events(real, "CAF", pd.Timestamp("2022-12-31").date())
    own = of_values(events, is_demo=False)
    source_wide = of_rows(events, data_sources(real), is_demo=False)
    assert str(own.as_of)[:10] == "2022-12-31"  # UCDP GED 23.1's as-of
    assert str(source_wide.as_of)[:10] == "2024-12-31"  # what it said before: UCDP BRD 25.1's, the same source


# The event map's dots (read/country_event_dots): pinned to the pandas rule the map drew with before the rule moved
# into SQL (kept here only as the test's reference), on every kind of warehouse and on hand-made edge cases.
MERGE_LIMITS = (MAX_POINTS, 30, 12, 5)  # the demo's and real data's busiest 12 months: 45 and 105
EDGE_COLUMNS = ("event_id", "source_id", "iso3", "event_date", "admin1", "latitude", "longitude", "violence_type",
                "deaths_best", "ingest_id")


def _reference_dots(events: pd.DataFrame, limit: int) -> pd.DataFrame:
    """The pandas rule: every event while at most `limit`; else per cell (from 0.05°, doubling; the world is four
    cells at 0.05° x 2^12) and type, mean position, summed deaths, latest date, first place named, events merged."""
    if len(events) <= limit:
        return events.assign(events=1)
    cell = 0.05
    while True:
        keys = [(events["latitude"] // cell).rename("cell_lat"), (events["longitude"] // cell).rename("cell_lon"),
                events["violence_type"].rename("type")]
        merged = events.groupby(keys, dropna=False, sort=True).agg(
            latitude=("latitude", "mean"), longitude=("longitude", "mean"), violence_type=("violence_type", "first"),
            deaths_best=("deaths_best", "sum"), event_date=("event_date", "max"), admin1=("admin1", "first"),
            events=("latitude", "size")).reset_index(drop=True)
        if len(merged) <= limit or cell >= 0.05 * 2**12:
            return merged
        cell *= 2


def _tooltips(dots: pd.DataFrame) -> list[tuple]:
    """What a dot says (date, type, deaths, place, events merged), in the order drawn."""
    places = dots["admin1"].where(dots["admin1"].map(lambda place: isinstance(place, str)), "")
    return list(zip(pd.to_datetime(dots["event_date"]).dt.strftime("%Y-%m-%d"),
                    dots["violence_type"].astype(float).fillna(-1), dots["deaths_best"].astype(int), places,
                    dots["events"].astype(int), strict=True))


def _assert_same_dots(dots: pd.DataFrame, expected: pd.DataFrame) -> None:
    assert _tooltips(dots) == _tooltips(expected)  # same dots, same order, same tooltips
    for axis in ("latitude", "longitude"):  # a mean: summed in another order, equal to ~1e-15
        assert dots[axis].to_numpy(float) == pytest.approx(expected[axis].to_numpy(float), abs=1e-9)


def _assert_dots_follow_the_rule(warehouse: Warehouse, iso3: str, until: object) -> int:
    events = profile.country_events(warehouse, iso3, until)
    for limit in MERGE_LIMITS:
        _assert_same_dots(profile.country_event_dots(warehouse, iso3, until, limit), _reference_dots(events, limit))
    return len(events)


def test_the_maps_dots_merge_the_demo_events_as_the_pandas_rule_did(template_warehouse: Path) -> None:
    demo = Warehouse(str(template_warehouse))
    last = pd.Timestamp(profile.latest_event_date(demo)["last_date"].iloc[0])
    busiest = _rows(demo, "SELECT iso3 FROM event GROUP BY iso3 ORDER BY count(*) DESC, iso3 LIMIT 6", {})["iso3"]
    counts = [_assert_dots_follow_the_rule(demo, iso3, until) for iso3 in [*busiest, "ISL"]
              for until in (last, last - pd.DateOffset(months=7), None)]
    assert max(counts) > sorted(MERGE_LIMITS)[-2] and 0 in counts  # merged at the small limits; no events


def test_on_real_data_the_maps_dots_merge_as_the_pandas_rule_did() -> None:
    real = Warehouse(str(real_warehouse()))
    counts = [_assert_dots_follow_the_rule(real, "CAF", pd.Timestamp(until))
              for until in ("2022-12-31", "2021-06-30", "2020-12-31", "2012-12-31", "1990-12-31")]
    assert max(counts) > sorted(MERGE_LIMITS)[-2] and min(counts) == 0


def _edge_dots(rows: list[tuple], limit: int) -> tuple[pd.DataFrame, pd.DataFrame]:
    """(SQL dots, reference dots) of hand-made events of 'ZZZ' in 2024, on a fresh in-memory schema."""
    connection = duckdb.connect()
    migrate(connection)
    events = pd.DataFrame(rows, columns=["event_id", "event_date", "admin1", "latitude", "longitude",
                                         "violence_type", "deaths_best"]).assign(source_id="s", iso3="ZZZ", ingest_id=1)
    connection.register("edge", events[list(EDGE_COLUMNS)])
    connection.execute("INSERT INTO event BY NAME SELECT * EXCLUDE (event_date), event_date::DATE AS event_date "
                       "FROM edge")
    params = {"iso3": "ZZZ", **profile.event_window(date(2024, 12, 31)), "limit": limit}
    dots = run(connection, "read/country_event_dots", params, columnar=True)
    listed = events.sort_values(["event_date", "event_id"], ascending=[False, True], ignore_index=True)
    return dots, _reference_dots(listed.assign(event_date=pd.to_datetime(listed["event_date"])), limit)


def test_dots_at_the_limit_are_single_events_and_one_more_merges_them() -> None:
    rows = [(f"e{n:02}", f"2024-0{1 + n % 9}-1{n % 10}", None if n % 4 else f"Area {n}", 10 + n * 0.01,
             20 + n * 0.01, 1 + n % 3, n) for n in range(12)]
    single, expected = _edge_dots(rows, 12)
    assert list(single["events"]) == [1] * 12 and list(pd.to_datetime(single["event_date"])) == sorted(
        pd.to_datetime(single["event_date"]), reverse=True)
    _assert_same_dots(single, expected)
    merged, expected = _edge_dots(rows, 11)
    assert len(merged) <= 11 and merged["events"].sum() == 12 and merged["deaths_best"].sum() == sum(range(12))
    _assert_same_dots(merged, expected)
    assert _edge_dots(rows[:1], 0)[0]["events"].tolist() == [1]  # one event beyond a limit of none: one dot


def test_points_on_cell_edges_and_south_or_west_fall_where_the_pandas_rule_put_them() -> None:
    edges = [0.0, 0.05, 0.1, 0.15, 0.3, 1.0, 2.35, -0.05, -0.1, -1.0, -0.3, -45.25, 89.95, -179.95, 179.9]
    rows = [(f"e{n:03}", f"2024-{1 + n % 12:02}-0{1 + n % 9}", f"Area {n % 7}" if n % 5 else None, lat, lon,
             [1, 2, 3, None][n % 4], n % 6) for n, (lat, lon) in enumerate((a, b) for a in edges for b in edges)]
    for limit in (224, 200, 60, 9):
        dots, expected = _edge_dots(rows, limit)
        _assert_same_dots(dots, expected)
        assert dots["events"].sum() == len(rows) and pd.isna(dots["violence_type"]).any()
    assert 1.0 // 0.05 == 19  # why the rule floors by the remainder: 0.05 is a little more than 1/20
    rows = [("a", "2024-03-01", "Low", 0.96, -5.0, 1, 1), ("b", "2024-02-01", "Edge", 1.0, -5.0, 1, 2),
            ("c", "2024-01-01", "High", 1.02, -5.0, 1, 4)]
    dots, expected = _edge_dots(rows, 2)
    _assert_same_dots(dots, expected)
    assert dots[["admin1", "events", "deaths_best"]].values.tolist() == [["Low", 2, 3], ["High", 1, 4]]


def test_the_event_window_is_the_calendars_months_before_its_end_as_duckdb_counts_them() -> None:
    ends = [date(2024, 2, 29), date(2023, 3, 31), date(2024, 12, 31), date(2025, 1, 1), date(2020, 8, 15)]
    months = f"INTERVAL {profile.EVENT_WINDOW_MONTHS} MONTH"
    connection = duckdb.connect()
    for end in ends:
        expected = connection.execute(f"SELECT CAST(CAST($end AS DATE) - {months} AS DATE)", {"end": end}).fetchone()
        assert profile.event_window(pd.Timestamp(end)) == {"since": expected[0], "until": end}
    assert profile.event_window(date(2024, 2, 29))["since"] == date(2023, 2, 28)
    assert profile.event_window(None) == profile.event_window(pd.NaT) == {"since": None, "until": None}
