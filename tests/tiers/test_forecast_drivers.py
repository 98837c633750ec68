"""A forecast's drivers: SHAP values per predictor that add up to the forecast's log-odds, led by the predictor the
outcome follows, stored beside scores the drivers leave unchanged."""

from __future__ import annotations

import json

import numpy as np
import pandas as pd
import pytest

from r2p.tiers import forecast
from r2p.tiers.dispatch import score_method
from r2p.tiers.forecast import forecast_scores
from r2p.tiers.forecast_drivers import SCALE, Drivers, logit
from r2p.tiers.method import method
from tests.tiers.test_forecast import DRIVER, NOISE, STATIC, _method, _panel


def _with_gaps(observations: pd.DataFrame) -> pd.DataFrame:
    """The panel with a tenth of the noise predictor's values dropped: a missing value has a driver part too."""
    gaps = (observations["indicator_id"] == NOISE) & (np.arange(len(observations)) % 10 == 3)
    return observations[~gaps].reset_index(drop=True)


def _parsed(scores: pd.DataFrame) -> list[dict]:
    return [json.loads(text) for text in scores["contributions"]]


def test_base_and_parts_add_up_to_the_logit_of_every_stored_probability() -> None:
    scores = forecast_scores(_with_gaps(_panel()), _method())
    contributions = _parsed(scores)
    assert len(scores) > 300 and all(c["model"]["scale"] == SCALE for c in contributions)
    assert all(set(c["indicators"]) == {DRIVER, NOISE, STATIC} for c in contributions)
    total = np.array([c["model"]["base_value"] + sum(c["indicators"].values()) for c in contributions])
    np.testing.assert_allclose(total, logit(scores["score"].to_numpy()), rtol=0, atol=1e-9)
    assert any(c["values"][NOISE] is None for c in contributions)  # the gaps are shown as missing, not as zero


def test_the_predictor_the_outcome_follows_drives_the_forecast() -> None:
    scores = forecast_scores(_panel(), _method())
    parts = pd.DataFrame([c["indicators"] for c in _parsed(scores)])
    assert parts.abs().mean().idxmax() == DRIVER
    warned = scores["score"].to_numpy() >= scores["score"].quantile(0.9)
    assert (parts[warned].idxmax(axis=1) == DRIVER).all()  # every top-decile forecast is pushed up by it most


def test_the_drivers_leave_the_scores_and_tiers_unchanged(monkeypatch: pytest.MonkeyPatch) -> None:
    observations = _with_gaps(_panel())
    explained = forecast_scores(observations, _method())
    monkeypatch.setattr(forecast, "forecast_drivers", lambda fitted, rows: Drivers(0.0, np.zeros(rows.shape)))
    plain = forecast_scores(observations, _method())
    pd.testing.assert_frame_equal(explained.drop(columns="contributions"), plain.drop(columns="contributions"))


def test_composite_contributions_are_unchanged_parts_of_the_score() -> None:
    composite = method("composite-1")
    ids = [spec.id for spec in composite.indicators]
    rows = [(iso3, indicator, 2020, float(k + n)) for k, iso3 in enumerate(["AAA", "BBB", "CCC"])
            for n, indicator in enumerate(ids)]
    observations = pd.DataFrame(rows, columns=["iso3", "indicator_id", "period", "value"])
    factors = [[int(factor)] for factor in composite.factor_weights][: len(ids)]
    catalog = pd.DataFrame({"indicator_id": ids, "higher_is_worse": True,
                            "risk_factors": [factors[n % len(factors)] for n in range(len(ids))]})
    scores = score_method(observations, composite, catalog, [2020])
    for row in scores.itertuples():
        contributions = json.loads(row.contributions)
        assert set(contributions) == {"factors", "indicators"}  # no forecast scale, no model block
        assert sum(contributions["indicators"].values()) == pytest.approx(row.score, abs=1e-5)
