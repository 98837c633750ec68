"""Pure forecast scoring: a gradient-boosted classifier on a predictor panel, retrained rolling-origin per data year."""

from __future__ import annotations

import json
from importlib.metadata import version
from typing import NamedTuple

import numpy as np
import pandas as pd
from threadpoolctl import threadpool_limits

from r2p.tiers.forecast_drivers import SCALE, by_predictor, forecast_drivers
from r2p.tiers.method import EstimatorSettings, ForecastModel, TierMethod
from r2p.tiers.scoring import SCORE_COLUMNS, assign_tiers

KEY = ["iso3", "period"]
# NOTE: part of the inputs digest. Bump it when a change here changes the scores a method gives: stored forecasts
# are kept while their inputs are unchanged, so without a bump an upgrade would keep the old ones.
REVISION = 2  # 2: each score stores its predictors' SHAP values (forecast_drivers)


def estimator_version() -> str:
    """The installed scikit-learn: part of a forecast's inputs, since another release may fit differently."""
    return version("scikit-learn")


def input_ids(method: TierMethod) -> list[str]:
    """Every indicator a forecast method reads: its predictors, then its outcome."""
    return [spec.id for spec in method.indicators] + [_model(method).outcome]


def missing_inputs(held: set[str], method: TierMethod) -> list[str]:
    """The inputs with no observation at all among `held`: the declared model cannot be fitted without them."""
    return [indicator for indicator in input_ids(method) if indicator not in held]


def predictor_panel(observations: pd.DataFrame, method: TierMethod) -> tuple[pd.DataFrame, pd.Series]:
    """The country-years (index iso3, period) holding at least the coverage floor's share of the predictors:
    (their predictors as columns in the method's order, NaN where missing; their coverage, the share held)."""
    ids = [spec.id for spec in method.indicators]
    rows = observations[observations["indicator_id"].isin(ids)]
    wide = rows.pivot_table(index=KEY, columns="indicator_id", values="value", aggfunc="first")
    wide = wide.reindex(columns=ids).astype("float64")
    weights = np.array([spec.weight for spec in method.indicators])
    coverage = pd.Series(wide.notna().to_numpy() @ weights / weights.sum(), index=wide.index, name="coverage")
    usable = coverage >= method.coverage_floor - 1e-9
    return wide[usable], coverage[usable]


def window_labels(observations: pd.DataFrame, model: ForecastModel, index: pd.MultiIndex) -> pd.Series:
    """Per country-year t of `index`: 1 if the outcome occurs in t+1 .. t+horizon, 0 if not; NaN if the window
    reaches past the last year of outcomes loaded, or none of its years is observed (a window partly observed
    inside the loaded years, e.g. of a state that ended, counts what was observed)."""
    outcome = observations[observations["indicator_id"] == model.outcome].drop_duplicates(KEY)
    by_year = outcome.set_index(KEY)["value"].astype("float64")
    countries, periods = index.get_level_values("iso3"), index.get_level_values("period").astype("int64")
    leads = np.vstack([by_year.reindex(pd.MultiIndex.from_arrays([countries, periods + ahead])).to_numpy()
                       for ahead in range(1, model.horizon + 1)])
    closed = periods.to_numpy() + model.horizon <= int(outcome["period"].max())
    observed = ~np.isnan(leads).all(axis=0) & closed
    occurred = (np.nan_to_num(leads) > 0).any(axis=0)
    return pd.Series(np.where(observed, occurred.astype("float64"), np.nan), index=index, name="label")


def estimator_class() -> type:
    """scikit-learn's HistGradientBoostingClassifier."""
    # NOTE: imported here, not at the top: scikit-learn takes about a second to import, and every `r2p init` and
    # ingest reaches this module while most warehouses (the demo's among them) have no predictors to fit.
    from sklearn.ensemble import HistGradientBoostingClassifier

    return HistGradientBoostingClassifier


def fit(features: np.ndarray, labels: np.ndarray, settings: EstimatorSettings) -> object:
    """One fitted classifier (the caller holds the thread limit)."""
    estimator = estimator_class()(
        learning_rate=settings.learning_rate, max_iter=settings.max_iter, max_depth=settings.max_depth,
        min_samples_leaf=settings.min_samples_leaf, l2_regularization=settings.l2_regularization,
        early_stopping=settings.early_stopping, random_state=settings.random_state)
    return estimator.fit(features, labels)


def forecast_scores(observations: pd.DataFrame, method: TierMethod) -> pd.DataFrame:
    """Scores and tiers for every country-year from the model's first scored year to the latest with predictors.

    observations: iso3, indicator_id, period, value of the method's predictors and outcome. The score for data
    year t is the probability from a model trained only on data years up to t - horizon with an observed
    window (those windows had closed by t). Returns SCORE_COLUMNS, like dispatch.score_method.
    """
    model = _model(method)
    features, coverage = predictor_panel(observations, method)
    if features.empty or missing_inputs(set(observations["indicator_id"]), method):
        return pd.DataFrame(columns=SCORE_COLUMNS)
    labels = window_labels(observations, model, features.index)
    periods = features.index.get_level_values("period").to_numpy()
    years = range(model.first_scored_year, int(periods.max()) + 1)
    panel = _Panel(features.index, features.to_numpy(), labels.to_numpy(), coverage.to_numpy(), periods)
    # NOTE: one thread: with two OpenMP threads on a shared two-core machine one fit took 25 s instead of 2 s.
    # scikit-learn (and its OpenMP runtime) is loaded first, because threadpoolctl limits only loaded libraries.
    estimator_class()
    with threadpool_limits(1):
        scored = [_year_scores(panel, year, method) for year in years]
    scored = [frame for frame in scored if frame is not None]
    if not scored:
        return pd.DataFrame(columns=SCORE_COLUMNS)
    scores = pd.concat(scored, ignore_index=True).assign(method_version=method.label)
    scores["tier"] = assign_tiers(scores, method)
    return scores[SCORE_COLUMNS]


class _Panel(NamedTuple):
    index: pd.MultiIndex  # iso3, period
    features: np.ndarray
    labels: np.ndarray  # NaN: window not observed
    coverage: np.ndarray
    periods: np.ndarray


def _year_scores(panel: _Panel, year: int, method: TierMethod) -> pd.DataFrame | None:
    """Data year `year` scored by a model trained on the closed windows before it; None if it cannot be."""
    model = _model(method)
    target = panel.periods == year
    training = (panel.periods <= year - model.horizon) & ~np.isnan(panel.labels)
    answers = panel.labels[training].astype(int)
    if not target.any() or len(np.unique(answers)) < 2:
        return None  # nothing to score, or no onset (or no non-onset) yet to learn from
    fitted = fit(panel.features[training], answers, model.estimator)
    probability = fitted.predict_proba(panel.features[target])[:, 1]  # type: ignore[attr-defined]
    drivers = forecast_drivers(fitted, panel.features[target])
    trained_years = panel.periods[training]
    about = {"trained_on": [int(trained_years.min()), int(trained_years.max())], "training_rows": int(training.sum()),
             "positive_windows": int(answers.sum()), "scale": SCALE, "base_value": drivers.base}
    ids = [spec.id for spec in method.indicators]
    parts, values = by_predictor(drivers.parts, ids), by_predictor(panel.features[target], ids)
    index = panel.index[target]
    return pd.DataFrame({
        "iso3": index.get_level_values("iso3").astype(str), "period": index.get_level_values("period").astype(int),
        "score": probability.astype(float), "coverage": panel.coverage[target], "stale_share": 0.0,
        "contributions": [json.dumps({"factors": {}, "indicators": row, "values": _held(value), "model": about})
                          for row, value in zip(parts, values, strict=True)]})


def _held(values: dict[str, float]) -> dict[str, float | None]:
    """The predictor values a score was given, None where missing (JSON has no NaN)."""
    return {key: None if np.isnan(value) else value for key, value in values.items()}


def _model(method: TierMethod) -> ForecastModel:
    if method.model is None:
        raise ValueError(f"tier method {method.label} is not a forecast method")
    return method.model
