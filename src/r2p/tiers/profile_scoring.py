"""Pure situation-profile scoring: a composite normalised only against earlier years, without thin indicators."""

from __future__ import annotations

import json

import pandas as pd

from r2p.tiers.method import ProfileSettings, TierMethod
from r2p.tiers.scoring import SCORE_COLUMNS, assign_tiers, composite_scores, fill_missing, latest_values, normalise


def profile_scores(observations: pd.DataFrame, method: TierMethod, catalog: pd.DataFrame,
                   periods: list[int]) -> pd.DataFrame:
    """Scores and tiers of a `profile` method for every country and period, like dispatch.score_method.

    observations: iso3, indicator_id, period, value of the method's indicators and flags. Unlike a composite, the
    values of year t are normalised against the reference years before t only (no look-ahead), an indicator that
    fewer than `min_country_share` of that year's countries hold is left out of that year's score (its weight
    counts as missing in the reliability), and each flag's value of that very year rides along in the
    contributions (`flags`) without entering the score.
    """
    settings = _settings(method)
    wanted = fill_missing(observations[observations["indicator_id"].isin([i.id for i in method.indicators])], method)
    values = held_widely(latest_values(wanted, periods, method.stale_after_years), settings.min_country_share)
    directions = dict(zip(catalog["indicator_id"], catalog["higher_is_worse"], strict=True))
    factors = {k: list(v) for k, v in zip(catalog["indicator_id"], catalog["risk_factors"], strict=True)}
    values["norm"] = normalised_before(values, wanted, method, directions)
    scores = composite_scores(values, method, factors)
    if scores.empty:
        return pd.DataFrame(columns=SCORE_COLUMNS)
    scores["contributions"] = with_flags(scores, observations, settings.flags)
    scores = scores.assign(method_version=method.label)
    scores["tier"] = assign_tiers(scores, method)
    return scores[SCORE_COLUMNS]


def held_widely(values: pd.DataFrame, min_share: float) -> pd.DataFrame:
    """The values (iso3, indicator_id, period, value, age) of the indicators held, in their year, by at least
    `min_share` of the countries that hold any of the method's indicators that year."""
    countries = values.groupby("period")["iso3"].nunique()
    holding = values.groupby(["period", "indicator_id"])["iso3"].nunique().rename("holding").reset_index()
    holding["share"] = holding["holding"] / holding["period"].map(countries)
    kept = holding.loc[holding["share"] >= min_share - 1e-9, ["period", "indicator_id"]]
    return values.merge(kept, on=["period", "indicator_id"]).reset_index(drop=True)


def normalised_before(values: pd.DataFrame, reference: pd.DataFrame, method: TierMethod,
                      higher_is_worse: dict[str, bool]) -> pd.Series:
    """0-10 per value (worse = higher), each year's values against the reference period cut at the year before
    it: a later year's values never move an earlier year's score. NaN where there is no earlier year."""
    first, last = method.reference_period
    norm = pd.Series(float("nan"), index=values.index)
    for year, rows in values.groupby("period").groups.items():
        cut = min(last, int(year) - 1)
        if cut < first:
            continue  # nothing before it to normalise against
        earlier = method.model_copy(update={"reference_period": (first, cut)})
        norm[rows] = normalise(values.loc[rows], reference, earlier, higher_is_worse)
    return norm


def with_flags(scores: pd.DataFrame, observations: pd.DataFrame, flags: tuple[str, ...]) -> pd.Series:
    """The contributions JSON with `flags`: each flag's value of that very year (absent when none), not scored."""
    shown = observations[observations["indicator_id"].isin(flags)].drop_duplicates(["iso3", "period", "indicator_id"])
    by_key = {key: dict(zip(rows["indicator_id"], rows["value"].astype(float), strict=True))
              for key, rows in shown.groupby(["iso3", "period"])}
    return pd.Series([json.dumps(json.loads(text) | {"flags": by_key.get((iso3, int(period)), {})})
                      for iso3, period, text in zip(scores["iso3"], scores["period"], scores["contributions"],
                                                    strict=True)], index=scores.index)


def _settings(method: TierMethod) -> ProfileSettings:
    if method.profile is None:
        raise ValueError(f"tier method {method.label} is not a situation profile")
    return method.profile
