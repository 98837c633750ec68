"""Which scorer a method's `scoring` kind uses: composite and direct (scoring.py), profile (profile_scoring.py)."""

from __future__ import annotations

import pandas as pd

from r2p.tiers.method import TierMethod
from r2p.tiers.profile_scoring import profile_scores
from r2p.tiers.scoring import indicator_scores


def score_method(observations: pd.DataFrame, method: TierMethod, catalog: pd.DataFrame,
                 periods: list[int]) -> pd.DataFrame:
    """Scores and tiers for every country and period (observations of the method's indicators only).

    catalog: indicator_id, higher_is_worse, risk_factors. Returns iso3, period, method_version, score, tier,
    coverage, stale_share, contributions (JSON). Ensembles rank other methods' stored scores (tiers/ensemble.py)
    and forecasts are trained (tiers/forecast.py): neither is scored from indicators here.
    """
    if method.scoring in ("ensemble", "forecast"):
        raise ValueError(f"{method.label} is not scored from indicators alone ({method.scoring})")
    if method.scoring == "profile":
        return profile_scores(observations, method, catalog, periods)
    return indicator_scores(observations, method, catalog, periods)
