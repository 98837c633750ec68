"""Country profile queries and their pure helpers, against a real demo warehouse."""

from __future__ import annotations

import json

import duckdb
import pandas as pd
import pytest

from r2p.access.rights import Role, User
from r2p.catalog import RISK_FACTORS
from r2p.provenance import of_rows, of_values
from r2p.read import profile
from r2p.read.explore import data_sources
from r2p.tiers.assessment import record_assessment
from r2p.tiers.method import method
from r2p.vocabulary import INSUFFICIENT
from r2p.warehouse import Warehouse
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
