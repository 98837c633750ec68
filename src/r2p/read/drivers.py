"""A forecast's drivers as a reader sees them: the predictors' largest SHAP parts, the rest summed, and the scale."""

from __future__ import annotations

import math
import textwrap
from collections.abc import Mapping

import pandas as pd

from r2p.tiers.forecast_drivers import SCALE

SHOWN = 12  # the predictors named one by one; the others share one bar, so the bars still add up


def is_forecast(contributions: Mapping) -> bool:
    """Whether the parts are a forecast's SHAP values (log-odds), not parts of a composite score."""
    return contributions.get("model", {}).get("scale") == SCALE


def driver_parts(contributions: Mapping, names: Mapping[str, str]) -> pd.DataFrame:
    """indicator_id, name, part: the SHOWN predictors with the largest parts by size, each named with the value it
    was scored on, then one row for the sum of the others (indicator_id empty). The parts add up to the
    forecast's log-odds minus the base value."""
    parts = pd.Series(contributions.get("indicators", {}), dtype="float64")
    if parts.empty:
        return pd.DataFrame(columns=["indicator_id", "name", "part"])
    values = contributions.get("values", {})
    ranked = parts.abs().sort_values(ascending=False, kind="stable").index
    rows = [(key, f"{_short(names.get(key, key))}: {_value(values.get(key))}", float(parts[key]))
            for key in ranked[:SHOWN]]
    if len(ranked) > SHOWN:
        rows.append(("", f"The other {len(ranked) - SHOWN} predictors together", float(parts[ranked[SHOWN:]].sum())))
    return pd.DataFrame(rows, columns=["indicator_id", "name", "part"])


def driver_scale(contributions: Mapping, horizon: int, period: int | None = None) -> str:
    """What the bars are, for the chart's axis: contributions to the log-odds of an onset in the `horizon` years
    after the data year `period`, from the base value (the model's average over its training rows) to the forecast."""
    base = float(contributions["model"]["base_value"])
    forecast = base + sum(contributions.get("indicators", {}).values())
    years = "" if period is None else f" ({period + 1}–{period + horizon})"
    return (f"push on the log-odds of a new mass-killing onset within {horizon} years{years} "
            "(right: raises the risk)<br>"
            f"base {base:+.2f} ({_probability(base)}, the model's average) + the bars = {forecast:+.2f} "
            f"(the forecast, {_probability(forecast)})")


def _short(name: str) -> str:
    # NOTE: the chart shortens labels to 48 characters; the name gives way, so the value scored stays readable.
    return textwrap.shorten(name, 38, placeholder="…")


def _value(value: float | None) -> str:
    return "no value" if value is None else f"{value:.3g}"


def _probability(log_odds: float) -> str:
    return f"{1 / (1 + math.exp(-log_odds)):.1%}"
