"""A forecast's drivers as the Country page reads them: the largest parts named with their values, the rest in one
bar, and an axis that says they are log-odds from a stated base value; composite parts read as before."""

from __future__ import annotations

import json

import pandas as pd
import pytest

from r2p.read import drivers, profile
from r2p.tiers.method import method
from tests.helpers.drivers import PREDICTORS as IDS
from tests.helpers.drivers import forecast_contributions

FORECAST = method("forecast-1")


def test_the_largest_parts_are_named_with_their_values_and_the_rest_share_one_bar() -> None:
    contributions = forecast_contributions()
    parts = drivers.driver_parts(contributions, {IDS[0]: "Ongoing mass killing targets a wide group"})
    assert len(parts) == drivers.SHOWN + 1
    assert parts["part"].sum() == pytest.approx(sum(contributions["indicators"].values()), abs=1e-12)
    assert parts["name"].iloc[0] == "Ongoing mass killing targets a wide…: 0"
    assert parts["indicator_id"].iloc[1] == IDS[-1]  # the second largest by size pushes down
    assert f"{IDS[2]}: no value" in set(parts["name"])
    assert parts["name"].iloc[-1] == f"The other {len(IDS) - drivers.SHOWN} predictors together"


def test_the_axis_states_the_scale_the_base_and_the_forecast() -> None:
    contributions = forecast_contributions(base=-5.0)
    forecast = -5.0 + sum(contributions["indicators"].values())
    scale = drivers.driver_scale(contributions, 2)
    assert "log-odds of a new mass-killing onset within 2 years (right" in scale
    assert "within 2 years (2025–2026)" in drivers.driver_scale(contributions, 2, 2024)
    assert "base -5.00 (0.7%" in scale and f"= {forecast:+.2f} (the forecast, " in scale


def test_a_forecast_row_shows_its_drivers_and_a_composite_row_its_parts_as_before() -> None:
    forecast_row = pd.Series({"contributions": json.dumps(forecast_contributions())})
    kind, parts = profile.score_parts(forecast_row, {})
    assert kind == "the predictors that push the forecast most" and len(parts) == drivers.SHOWN + 1
    assert "log-odds" in profile.parts_scale(forecast_row, FORECAST)
    composite_row = pd.Series({"contributions": json.dumps({"factors": {"1": 2.0, "4": 1.5},
                                                            "indicators": {"a": 2.0, "b": 1.5}})})
    kind, parts = profile.score_parts(composite_row, {})
    assert kind == "UN Framework risk factors" and list(parts["part"]) == [2.0, 1.5]
    assert profile.parts_scale(composite_row, method("composite-1")) == profile.PART_OF_SCORE == "part of the score"
