"""A synthetic forecast-1 contributions record (SHAP parts, values, base), for the read and page tests."""

from __future__ import annotations

from r2p.tiers.forecast_drivers import SCALE
from r2p.tiers.method import method

PREDICTORS = [spec.id for spec in method("forecast-1").indicators]


def forecast_contributions(base: float = -5.0) -> dict:
    """31 predictors' parts (the first the largest, pushing up; the last second by size, pushing down) with their
    values (the third missing)."""
    parts = {key: 0.9 - 0.03 * n for n, key in enumerate(PREDICTORS)} | {PREDICTORS[-1]: -0.88}
    values = {key: float(n) for n, key in enumerate(PREDICTORS)} | {PREDICTORS[2]: None}
    return {"factors": {}, "indicators": parts, "values": values,
            "model": {"scale": SCALE, "base_value": base, "trained_on": [1960, 2022]}}
