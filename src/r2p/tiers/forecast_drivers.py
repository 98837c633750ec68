"""Pure forecast drivers: each predictor's SHAP value for a fitted forecast, on the model's log-odds scale."""

from __future__ import annotations

from importlib.metadata import version
from typing import NamedTuple

import numpy as np

# NOTE: what the parts of a forecast are, stored with them so a reader never has to guess the scale.
SCALE = "log-odds"


class Drivers(NamedTuple):
    base: float  # the model's expected log-odds over its training rows
    parts: np.ndarray  # rows × predictors: base + a row's parts = the logit of its probability


def explainer_version() -> str:
    """The installed shap: part of a forecast's inputs, like scikit-learn's version."""
    return version("shap")


def forecast_drivers(fitted: object, features: np.ndarray) -> Drivers:
    """Exact TreeSHAP values (shap's TreeExplainer, tree-path-dependent) of a fitted HistGradientBoostingClassifier
    for `features`, on its raw (log-odds) output. The caller holds the thread limit."""
    # NOTE: imported here: shap loads numba (about two seconds), and only a retrain needs it.
    import shap

    explainer = shap.TreeExplainer(fitted, model_output="raw")
    parts = np.asarray(explainer.shap_values(features, check_additivity=True), dtype="float64")
    return Drivers(float(np.ravel(explainer.expected_value)[0]), parts)


def by_predictor(rows: np.ndarray, predictor_ids: list[str]) -> list[dict[str, float]]:
    """Per row of a rows × predictors array (parts, or the values scored): {predictor id: its number}. Every
    predictor is included: a missing value has a part too, since the model sends it down a branch of its own."""
    return [dict(zip(predictor_ids, (float(number) for number in row), strict=True)) for row in rows]


def logit(probability: np.ndarray) -> np.ndarray:
    """The log-odds of a probability: what base + parts add up to."""
    return np.log(probability) - np.log1p(-probability)
