"""Forecast methods: a rolling-origin model that learns the outcome, never sees later years, and retrains only
when its inputs change."""

from __future__ import annotations

import json
import time
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from sklearn.metrics import roc_auc_score

from r2p.access.rights import command_line_user
from r2p.ops.build import ingest_and_score, initialise
from r2p.tiers import forecast
from r2p.tiers.evaluation_inputs import backtest_table
from r2p.tiers.forecast import forecast_scores, window_labels
from r2p.tiers.method import TierMethod, method
from r2p.tiers.refresh import refresh_scores
from r2p.warehouse import Warehouse
from tests.helpers.data import FIXED_TODAY, require_shared
from tests.helpers.warehouses import copy_of

DRIVER, NOISE, STATIC = "ewp.battledeaths_log2", "ewp.gdppcgrowth", "ewp.efindex"
OUTCOME = "ewp.mk_onset"
REAL_FILES = ("basedata2025_4august2025.csv", "prepared2024predictors-2025-09-03.csv", "FOOSforecasts_3Sep2025.csv")
COUNTRIES = [f"C{n:02d}" for n in range(60)]
YEARS = range(1980, 2001)


def _method(**model: object) -> TierMethod:
    """A small forecast method on three predictors, with a quick estimator (the shipped one needs no test speed)."""
    estimator = {"kind": "hist_gradient_boosting", "learning_rate": 0.1, "max_iter": 30, "max_depth": 2,
                 "min_samples_leaf": 10, "l2_regularization": 1.0, "early_stopping": False, "random_state": 0}
    return TierMethod(
        id="testcast", version=1, name="Test forecast", scoring="forecast", description="t",
        reference_period=(1980, 2000), stale_after_years=0, coverage_floor=0.6,
        indicators=[{"id": i, "weight": 1.0} for i in (DRIVER, NOISE, STATIC)], factor_weights={},
        thresholds={"Very high": 0.08, "High": 0.04, "Elevated": 0.02, "Moderate": 0.01, "Low": 0.0},
        model={"outcome": OUTCOME, "horizon": 2, "first_scored_year": 1994, "estimator": estimator} | model)


def _panel(seed: int = 7) -> pd.DataFrame:
    """Observations where an onset follows a high DRIVER value the year before; the other predictors are noise."""
    draws = np.random.default_rng(seed)
    rows = []
    for country in COUNTRIES:
        driver = draws.uniform(0, 10, len(YEARS))
        for k, year in enumerate(YEARS):
            rows += [(country, DRIVER, year, driver[k]), (country, NOISE, year, draws.normal()),
                     (country, STATIC, year, draws.uniform()),
                     (country, OUTCOME, year, float(k > 0 and driver[k - 1] > 8.5))]
    return pd.DataFrame(rows, columns=["iso3", "indicator_id", "period", "value"])


def _counting_fits(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """Count the estimator fits (rows trained on, one entry per fit)."""
    fits: list[int] = []
    real_fit = forecast.fit

    def counted(features: np.ndarray, labels: np.ndarray, settings: object) -> object:
        fits.append(len(labels))
        return real_fit(features, labels, settings)  # type: ignore[arg-type]

    monkeypatch.setattr(forecast, "fit", counted)
    return fits


def test_the_forecast_ranks_the_countries_the_outcome_follows_first() -> None:
    observations = _panel()
    scores = forecast_scores(observations, _method())
    driver = observations[observations["indicator_id"] == DRIVER].set_index(["iso3", "period"])["value"]
    warned = (driver.reindex(pd.MultiIndex.from_frame(scores[["iso3", "period"]])) > 8.5).to_numpy()
    assert sorted(scores["period"].unique()) == list(range(1994, 2001))
    assert warned.sum() > 20 and roc_auc_score(warned, scores["score"].to_numpy()) > 0.95
    for _, year in scores.groupby("period"):  # each year's top ranks (as many as it has warned countries)
        top = year.nlargest(int(warned[year.index].sum()), "score")
        assert warned[top.index].mean() >= 0.8
    assert set(scores["tier"]) <= {"Very high", "High", "Elevated", "Moderate", "Low"}


def test_the_score_for_year_t_uses_no_data_after_t_minus_2_except_t_own_predictors() -> None:
    observations, year = _panel(), 1996
    later_outcome = (observations["indicator_id"] == OUTCOME) & (observations["period"] > year)
    later_predictors = (observations["indicator_id"] != OUTCOME) & (observations["period"].isin([year - 1, 1999]))
    changed = observations.copy()
    changed.loc[later_outcome, "value"] = 1.0 - changed.loc[later_outcome, "value"]
    changed.loc[later_predictors, "value"] = changed.loc[later_predictors, "value"] * -3.0 + 1.0

    original, perturbed = forecast_scores(observations, _method()), forecast_scores(changed, _method())
    before, after = (scores[scores["period"] == year].reset_index(drop=True) for scores in (original, perturbed))
    pd.testing.assert_frame_equal(before, after)
    assert json.loads(before["contributions"].iloc[0])["model"]["trained_on"] == [1980, year - 2]
    # The changes do reach the later years' scores, so the check above is not vacuous.
    later = original["period"] == 2000
    assert not np.allclose(original.loc[later, "score"], perturbed.loc[later, "score"])


def test_labels_are_windows_of_the_horizon_and_unknown_until_the_window_closed() -> None:
    outcome = pd.DataFrame({"iso3": ["A", "A", "A", "B"], "indicator_id": OUTCOME,
                            "period": [2001, 2002, 2003, 2001], "value": [0.0, 1.0, 0.0, 1.0]})
    rows = [("A", y) for y in (1999, 2000, 2001, 2002, 2003)] + [("B", 2000), ("B", 2002)]
    labels = window_labels(outcome, _method().model, pd.MultiIndex.from_tuples(rows, names=["iso3", "period"]))
    # A 2002 and 2003: their windows reach past 2003, the last outcome year loaded. B 2000: a state that ended
    # after 2001 counts its observed year; B 2002: nothing observed in its window.
    assert labels.fillna(-1).tolist() == [0.0, 1.0, 1.0, -1, -1, 1.0, -1]


def test_the_forecast_is_deterministic_for_its_seed() -> None:
    first, second = forecast_scores(_panel(), _method()), forecast_scores(_panel(), _method())
    pd.testing.assert_frame_equal(first, second)


def test_the_shipped_method_declares_its_settings_and_ewp_1s_thresholds() -> None:
    shipped = method("forecast-1")
    assert shipped.scoring == "forecast" and shipped.model is not None
    assert shipped.model.outcome == OUTCOME and shipped.model.horizon == 2 and shipped.model.first_scored_year == 1993
    assert shipped.model.estimator.model_dump() == {
        "kind": "hist_gradient_boosting", "learning_rate": 0.03, "max_iter": 300, "max_depth": 3,
        "min_samples_leaf": 40, "l2_regularization": 1.0, "early_stopping": False, "random_state": 0}
    assert shipped.thresholds == method("ewp-1").thresholds
    assert len(shipped.indicators) == 31 and all(spec.id.startswith("ewp.") for spec in shipped.indicators)


def _with_observations(warehouse: Warehouse, observations: pd.DataFrame) -> Warehouse:
    with warehouse.write() as connection:
        connection.register("staged_test_rows", observations.assign(ingest_id=1))
        connection.execute("INSERT INTO observation SELECT iso3, indicator_id, period, value, ingest_id"
                           " FROM staged_test_rows")
        connection.unregister("staged_test_rows")
    return warehouse


def _stored(warehouse: Warehouse, label: str) -> pd.DataFrame:
    return warehouse.reader().cursor().execute(
        "SELECT iso3, period, score, tier FROM risk_score WHERE method_version = ? ORDER BY iso3, period",
        [label]).df()


def test_unchanged_inputs_keep_the_stored_scores_without_retraining(
        empty_template_warehouse: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    observations = _panel()
    warehouse = _with_observations(copy_of(empty_template_warehouse, tmp_path / "r2p.duckdb"), observations)
    fits, chosen = _counting_fits(monkeypatch), (_method(),)
    with warehouse.write() as connection:
        first = refresh_scores(connection, chosen)["testcast-1"]
    assert first > 0 and len(fits) == 7  # data years 1994..2000, one model each
    stored = _stored(warehouse, "testcast-1")

    with warehouse.write() as connection:
        assert refresh_scores(connection, chosen)["testcast-1"] == first
    assert len(fits) == 7
    pd.testing.assert_frame_equal(_stored(warehouse, "testcast-1"), stored)

    with warehouse.write() as connection:  # one changed value is a changed input: retrain
        connection.execute("UPDATE observation SET value = value + 1 WHERE iso3 = 'C00' AND period = 1990"
                           " AND indicator_id = ?", [NOISE])
        refresh_scores(connection, chosen)
    assert len(fits) == 14


def test_without_its_predictors_a_forecast_stores_no_scores_and_fits_nothing(
        warehouse: Warehouse, monkeypatch: pytest.MonkeyPatch) -> None:
    fits = _counting_fits(monkeypatch)
    with warehouse.write() as connection:  # the demo has the outcome and a few predictors, not all of them
        started = time.perf_counter()
        stored = refresh_scores(connection, (method("forecast-1"),))
        took = time.perf_counter() - started
    assert stored == {"forecast-1": 0} and fits == []
    assert took < 1.0
    assert _stored(warehouse, "forecast-1").empty


@pytest.mark.slow  # 32 fits of the shipped estimator on EWP's whole panel: about 15-20 s on one core
def test_on_the_2025_release_it_matches_ewp_within_noise_and_refits_nothing_when_rerun(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    files = [require_shared(f"ewp/{name}") for name in REAL_FILES]
    warehouse = Warehouse(str(tmp_path / "r2p.duckdb"))
    initialise(warehouse, want_demo=False, today=FIXED_TODAY)
    for file in files:
        assert ingest_and_score(warehouse, "ewp", file, user=command_line_user()).status == "loaded"
    fits = _counting_fits(monkeypatch)
    initialise(warehouse, today=FIXED_TODAY)
    assert fits == []

    table = backtest_table(warehouse, "forecast-1").set_index(["method", "definition", "subset"])
    row = table.loc[("forecast-1", "forecast-year", "all")]
    assert (row["first_year"], row["last_year"], row["positives"]) == (1993, 2022, 72)
    assert [row[f"caught_{n}"] for n in (10, 20, 30)] == [26, 44, 49] and round(row["auc"], 3) == 0.852
    assert row["verdict"] == "matches within noise"
    quiet = table.loc[("forecast-1", "forecast-year", "no-ongoing")]
    assert [quiet[k] for k in ("positives", "caught_10", "caught_20", "caught_30")] == [35, 11, 18, 20]
