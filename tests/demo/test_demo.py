"""Tests for the deterministic demo data generator (r2p.demo.series), on the real reference inputs."""

from __future__ import annotations

import geopandas as gpd
import numpy as np
import pandas as pd
import pytest
import shapely
from shapely.geometry import box

from r2p.catalog import indicators_frame
from r2p.demo.series import DemoData, generate_demo
from r2p.geo import country_geometries, load_small_states
from r2p.reference import load_countries

FIRST, LAST = 1990, 2025
KEY = ["iso3", "indicator_id", "period"]


@pytest.fixture(scope="module")
def inputs() -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    return load_countries(), indicators_frame(), country_geometries(), load_small_states()


@pytest.fixture(scope="module")
def demo(inputs) -> DemoData:
    return generate_demo(*inputs, first_year=FIRST, last_year=LAST, seed=2014)


@pytest.fixture(scope="module")
def wide(demo: DemoData) -> pd.DataFrame:
    """Observations as (iso3, period) x indicator_id."""
    return demo.observations.pivot(index=["iso3", "period"], columns="indicator_id", values="value")


def test_same_inputs_and_seed_give_identical_frames(inputs, demo: DemoData) -> None:
    again = generate_demo(*inputs, first_year=FIRST, last_year=LAST, seed=2014)
    pd.testing.assert_frame_equal(again.observations, demo.observations)
    pd.testing.assert_frame_equal(again.events, demo.events)
    assert again.escalating == demo.escalating and again.deescalating == demo.deescalating


def test_a_different_seed_gives_different_data(inputs, demo: DemoData) -> None:
    other = generate_demo(*inputs, first_year=FIRST, last_year=LAST, seed=7)
    merged = demo.observations.merge(other.observations, on=KEY)
    assert (merged["value_x"] != merged["value_y"]).mean() > 0.3
    assert not other.events.equals(demo.events)


def test_dropping_a_country_leaves_the_others_untouched(inputs, demo: DemoData) -> None:
    countries, indicators, shapes, markers = inputs
    calm = next(iso for iso in countries["iso3"] if iso not in demo.escalating + demo.deescalating)
    fewer = generate_demo(countries[countries["iso3"] != calm], indicators, shapes, markers, last_year=LAST)
    expected = demo.observations[demo.observations["iso3"] != calm].reset_index(drop=True)
    pd.testing.assert_frame_equal(fewer.observations, expected)
    assert fewer.escalating == demo.escalating
    columns = [c for c in demo.events.columns if c != "event_id"]
    kept = demo.events[demo.events["iso3"] != calm][columns].reset_index(drop=True)
    pd.testing.assert_frame_equal(fewer.events[columns], kept)


def test_a_new_catalog_entry_leaves_the_other_series_untouched(inputs, demo: DemoData) -> None:
    countries, indicators, shapes, markers = inputs
    extra = pd.DataFrame({
        "id": ["new.thing"], "unit": ["index 0-100"], "higher_is_worse": [True], "valid_min": [0.0],
        "valid_max": [100.0],
    })
    more = generate_demo(countries, pd.concat([extra, indicators]), shapes, markers, last_year=LAST)
    old = more.observations[more.observations["indicator_id"] != "new.thing"].reset_index(drop=True)
    pd.testing.assert_frame_equal(old, demo.observations)
    pd.testing.assert_frame_equal(more.events, demo.events)


def test_observation_schema_keys_and_completeness(inputs, demo: DemoData) -> None:
    countries, indicators, _, _ = inputs
    obs = demo.observations
    assert list(obs.columns) == ["iso3", "indicator_id", "period", "value"]
    assert obs["period"].dtype == np.int64 and obs["value"].dtype == np.float64
    assert pd.api.types.is_string_dtype(obs["iso3"]) and pd.api.types.is_string_dtype(obs["indicator_id"])
    assert not obs.duplicated(KEY).any()
    assert obs["value"].notna().all()
    assert obs["period"].between(FIRST, LAST).all()
    pairs = set(zip(obs["iso3"], obs["indicator_id"], strict=True))
    assert pairs == {(c, i) for c in countries["iso3"] for i in indicators["id"]}


def test_missing_share_is_in_band_and_higher_early(inputs, demo: DemoData) -> None:
    countries, indicators, _, _ = inputs
    n_years = LAST - FIRST + 1
    missing = 1 - len(demo.observations) / (len(countries) * len(indicators) * n_years)
    assert 0.03 <= missing <= 0.08
    per_year = demo.observations.groupby("period").size()
    assert per_year.loc[FIRST : FIRST + 4].mean() < per_year.loc[LAST - 4 : LAST].mean()


def test_values_respect_the_catalog(inputs, demo: DemoData) -> None:
    _, indicators, _, _ = inputs
    obs = demo.observations.merge(indicators.rename(columns={"id": "indicator_id"}), on="indicator_id")
    assert obs["value"].between(obs["valid_min"], obs["valid_max"]).all()
    flags = obs[obs["unit"].str.startswith("flag")]
    assert set(flags["value"].unique()) == {0.0, 1.0}
    counts = obs[obs["unit"] == "deaths per year"]["value"]
    assert (counts >= 0).all() and (counts == counts.round()).all()
    assert (counts == 0).mean() > 0.7  # mostly 0 outside conflict
    probs = obs[obs["unit"] == "probability"]["value"]
    assert ((probs > 0) & (probs < 1)).all()


def test_probabilities_look_like_ewp(wide: pd.DataFrame) -> None:
    country_mean = wide["ewp.risk_2yr"].groupby("iso3").mean()
    assert country_mean.between(0.001, 0.02).mean() > 0.6  # most countries 0.1%-2%
    assert 3 <= (country_mean > 0.04).sum() <= 40  # a few 4-15%
    assert country_mean.max() < 0.2


def test_indicators_move_in_their_catalogued_direction(inputs, wide: pd.DataFrame) -> None:
    _, indicators, _, _ = inputs
    ranks = wide.groupby("iso3").mean().rank()  # Spearman correlation of country means with EWP-like risk
    risk = ranks["ewp.risk_2yr"]
    for row in indicators.itertuples(index=False):
        if row.id == "ewp.risk_2yr":
            continue
        rho = ranks[row.id].corr(risk)
        assert (rho > 0.3) if row.higher_is_worse else (rho < -0.3), (row.id, rho)


def test_escalating_situations_really_escalate(inputs, demo: DemoData, wide: pd.DataFrame) -> None:
    countries = inputs[0].set_index("iso3")
    assert 6 <= len(demo.escalating) <= 10 and 2 <= len(demo.deescalating) <= 3
    assert not set(demo.escalating) & set(demo.deescalating)
    assert (countries.loc[list(demo.escalating), "un_status"] == "member").all()
    recent = wide.index.get_level_values("period") > LAST - 3
    global_median = wide.loc[recent, "ewp.risk_2yr"].median()
    for iso in demo.escalating:
        series = wide.loc[iso]
        last3, before = series.loc[LAST - 2 :], series.loc[: LAST - 3]
        assert last3["ewp.risk_2yr"].mean() > 1.5 * before["ewp.risk_2yr"].mean(), iso
        assert last3["ewp.risk_2yr"].mean() > 3 * global_median, iso
        deaths = series["ucdp.battle_deaths"].fillna(0) + series["ucdp.osv_deaths"].fillna(0)
        assert deaths.loc[LAST - 2 :].mean() > 2 * deaths.loc[LAST - 7 : LAST - 4].mean() + 100, iso
        democracy = series["vdem.v2x_polyarchy"]
        assert democracy.loc[LAST - 1 :].mean() < democracy.loc[LAST - 7 : LAST - 4].mean(), iso


def test_deescalating_situations_calm_down(demo: DemoData, wide: pd.DataFrame) -> None:
    for iso in demo.deescalating:
        risk = wide.loc[iso, "ewp.risk_2yr"]
        assert risk.loc[LAST - 1 :].mean() < 0.8 * risk.loc[LAST - 10 : LAST - 5].mean(), iso


def test_event_schema(inputs, demo: DemoData) -> None:
    events = demo.events
    assert list(events.columns) == [
        "event_id", "iso3", "event_date", "admin1", "latitude", "longitude",
        "violence_type", "deaths_best", "deaths_low", "deaths_high",
    ]
    assert events["event_id"].is_unique and events["event_id"].str.fullmatch(r"demo-\d{7}").all()
    assert pd.api.types.is_datetime64_any_dtype(events["event_date"])
    assert events["event_date"].between(pd.Timestamp(FIRST, 1, 1), pd.Timestamp(LAST, 12, 31)).all()
    assert set(events["iso3"]) <= set(inputs[0]["iso3"])
    assert set(events["violence_type"].unique()) == {1, 2, 3}
    admin1 = events["admin1"].dropna()
    assert admin1.str.fullmatch(r"Region \d+").all()
    assert events[["latitude", "longitude"]].notna().all().all()


def test_event_volume_and_recency(demo: DemoData) -> None:
    events = demo.events
    assert 15_000 <= len(events) <= 30_000
    per_year = events.groupby(events["event_date"].dt.year).size()
    assert per_year.loc[LAST - 4 :].mean() > per_year.loc[: FIRST + 4].mean()
    recent = events[events["event_date"] > pd.Timestamp(LAST, 12, 31) - pd.Timedelta(days=90)]
    assert len(recent) >= 100
    assert set(demo.escalating) & set(recent["iso3"])


def test_events_concentrate_where_risk_is_high(demo: DemoData, wide: pd.DataFrame) -> None:
    per_country = demo.events.groupby("iso3").size()
    risk = wide["ewp.risk_2yr"].groupby("iso3").mean()
    risky = risk[risk > risk.quantile(0.8)].index
    assert per_country.reindex(risky, fill_value=0).sum() > 0.6 * per_country.sum()


def test_deaths_are_ordered_and_heavy_tailed(demo: DemoData) -> None:
    events = demo.events
    assert (events["deaths_low"] >= 0).all() and (events["deaths_best"] >= 1).all()
    assert (events["deaths_low"] <= events["deaths_best"]).all()
    assert (events["deaths_best"] <= events["deaths_high"]).all()
    assert events["deaths_best"].max() > 100 * events["deaths_best"].median()


def test_events_fall_inside_their_country(inputs, demo: DemoData) -> None:
    _, _, shapes, markers = inputs
    events = demo.events
    in_shapes = events[events["iso3"].isin(shapes["iso3"])]
    sample = in_shapes.sample(n=min(2000, len(in_shapes)), random_state=1)
    geoms = shapes.set_index("iso3").geometry.loc[sample["iso3"]].to_numpy()
    points = shapely.points(sample["longitude"].to_numpy(), sample["latitude"].to_numpy())
    assert len(sample) >= 500
    assert shapely.dwithin(geoms, points, 0.01).all()
    at_marker = events[~events["iso3"].isin(shapes["iso3"])].merge(markers, on="iso3")
    assert len(at_marker) == (~events["iso3"].isin(shapes["iso3"])).sum() > 0
    assert ((at_marker["longitude"] - at_marker["lon"]).abs() < 0.05).all()
    assert ((at_marker["latitude"] - at_marker["lat"]).abs() < 0.05).all()


@pytest.mark.parametrize(("indicator_id", "violence"), [("ucdp.osv_deaths", 3), ("ucdp.battle_deaths", 1)])
def test_event_deaths_sum_to_the_yearly_observation(demo: DemoData, indicator_id: str, violence: int) -> None:
    """Documented in generate_demo: the events of a type split that country-year's observed total."""
    events = demo.events[demo.events["violence_type"] == violence]
    year = events["event_date"].dt.year.rename("period")
    sums = events.groupby([events["iso3"], year])["deaths_best"].sum().astype(float).rename("events")
    obs = demo.observations[demo.observations["indicator_id"] == indicator_id].set_index(["iso3", "period"])
    both = obs[["value"]].join(sums, how="left").fillna({"events": 0.0})
    assert (both["value"] == both["events"]).all()
    assert (both["value"] > 0).sum() > 200
    assert sums.index.isin(obs.index).mean() > 0.9  # the rest are country-years whose observation is missing


def _toy_inputs() -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    """Four countries (three squares, one marker) and an indicator set with units the catalog lacks."""
    iso = ["AAA", "BBB", "CCC", "DDD"]
    countries = pd.DataFrame({"iso3": iso, "name": iso, "un_status": "member"})
    squares = [box(0, 0, 5, 5), box(10, 0, 12, 3), box(20, 20, 30, 22)]
    shapes = gpd.GeoDataFrame({"iso3": iso[:3], "name": iso[:3]}, geometry=squares, crs="EPSG:4326")
    markers = pd.DataFrame({"iso3": ["DDD"], "name": ["DDD"], "lon": [50.0], "lat": [-10.0]})
    indicators = pd.DataFrame({
        "id": ["x.widgets", "x.refugees", "x.better_flag", "ucdp.osv_deaths", "x.homicide"],
        "unit": ["widgets", "count of people", "flag (0/1)", "deaths per year", "per 100,000 people"],
        "higher_is_worse": [True, True, False, True, True],
        "valid_min": [10.0, 0.0, 0.0, 0.0, 0.0],
        "valid_max": [20.0, 1e6, 1.0, 2e6, 200.0],
    })
    return countries, indicators, shapes, markers


def test_unknown_units_and_tiny_inputs_still_work() -> None:
    countries, indicators, shapes, markers = _toy_inputs()
    demo = generate_demo(countries, indicators, shapes, markers, first_year=2000, last_year=2010, seed=3)
    obs = demo.observations.merge(indicators.rename(columns={"id": "indicator_id"}), on="indicator_id")
    assert set(obs["indicator_id"]) == set(indicators["id"])
    assert obs["value"].between(obs["valid_min"], obs["valid_max"]).all()
    assert obs.groupby("indicator_id")["value"].nunique()["x.widgets"] > 10
    assert set(obs.loc[obs["indicator_id"] == "x.better_flag", "value"]) <= {0.0, 1.0}
    assert 1 <= len(demo.escalating) <= 2
    assert set(demo.events["iso3"]) <= set(countries["iso3"])


def test_rejects_an_empty_year_range() -> None:
    with pytest.raises(ValueError, match="before first_year"):
        generate_demo(*_toy_inputs(), first_year=2010, last_year=2000)
