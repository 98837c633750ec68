"""Pure scoring: indicator values → normalised scores → risk-factor roll-up → score, reliability and tier."""

from __future__ import annotations

import json

import numpy as np
import pandas as pd

from r2p.tiers.method import TierMethod
from r2p.vocabulary import INSUFFICIENT

# The columns of a risk_score row, as every scorer returns them (composite, direct, profile, forecast, ensemble).
SCORE_COLUMNS = ["iso3", "period", "method_version", "score", "tier", "coverage", "stale_share", "contributions"]

SCALE = 10.0


def latest_values(observations: pd.DataFrame, periods: list[int], stale_after: int) -> pd.DataFrame:
    """For each target period, each country's most recent value at most `stale_after` years old.

    observations: iso3, indicator_id, period, value. Returns iso3, indicator_id, period, value, age (years).
    """
    shifted = [observations.assign(period=observations["period"] + age, age=age) for age in range(stale_after + 1)]
    candidates = pd.concat(shifted, ignore_index=True)
    candidates = candidates[candidates["period"].isin(periods)]
    best = candidates.sort_values("age").drop_duplicates(["iso3", "indicator_id", "period"], keep="first")
    return best.reset_index(drop=True)


def fill_missing(observations: pd.DataFrame, method: TierMethod) -> pd.DataFrame:
    """Add the `missing_as` value for every country and year an indicator covers but lists no row for."""
    filled = [observations]
    countries = observations["iso3"].unique()
    for spec in [i for i in method.indicators if i.missing_as is not None]:
        own = observations[observations["indicator_id"] == spec.id]
        if own.empty:
            continue
        years = range(int(own["period"].min()), int(own["period"].max()) + 1)
        grid = pd.MultiIndex.from_product([countries, years], names=["iso3", "period"]).to_frame(index=False)
        absent = grid.merge(own[["iso3", "period"]], how="left", indicator=True).query("_merge == 'left_only'")
        filled.append(absent[["iso3", "period"]].assign(indicator_id=spec.id, value=spec.missing_as))
    return pd.concat(filled, ignore_index=True)


def normalise(values: pd.DataFrame, observations: pd.DataFrame, method: TierMethod,
              higher_is_worse: dict[str, bool]) -> pd.Series:
    """0-10 per value, worse = higher, against each indicator's distribution over the reference period."""
    first, last = method.reference_period
    reference = observations[observations["period"].between(first, last)]
    scores = pd.Series(np.nan, index=values.index)
    for spec in method.indicators:
        rows = values["indicator_id"] == spec.id
        ref = _transformed(reference.loc[reference["indicator_id"] == spec.id, "value"], spec.transform)
        own = _transformed(values.loc[rows, "value"], spec.transform)
        unit = _percentile(own, ref) if spec.normalise == "percentile" else _minmax(own, ref)
        scores[rows] = SCALE * (unit if higher_is_worse[spec.id] else 1 - unit)
    return scores


def _transformed(values: pd.Series, transform: str) -> np.ndarray:
    array = values.to_numpy(dtype=float)
    return np.log1p(np.clip(array, 0, None)) if transform == "log1p" else array


def _percentile(values: np.ndarray, reference: np.ndarray) -> np.ndarray:
    """Mid-rank percentile: ties share the middle of their block, so a common value is not pushed to 1."""
    if reference.size == 0:
        return np.full(values.shape, np.nan)
    ordered = np.sort(reference)
    below = np.searchsorted(ordered, values, side="left")
    at_or_below = np.searchsorted(ordered, values, side="right")
    return (below + at_or_below) / (2.0 * ordered.size)


def _minmax(values: np.ndarray, reference: np.ndarray) -> np.ndarray:
    if reference.size == 0 or np.nanmax(reference) == np.nanmin(reference):
        return np.full(values.shape, np.nan)
    low, high = np.nanmin(reference), np.nanmax(reference)
    return np.clip((values - low) / (high - low), 0.0, 1.0)


def composite_scores(normalised: pd.DataFrame, method: TierMethod, factors_of: dict[str, list[int]]) -> pd.DataFrame:
    """Roll normalised values (iso3, period, indicator_id, norm, age) up through the risk factors.

    Returns iso3, period, score, coverage, stale_share, contributions (factor and indicator parts that add up
    to the score).
    """
    weights = {spec.id: spec.weight for spec in method.indicators}
    present = normalised.dropna(subset=["norm"]).assign(
        weight=lambda f: f["indicator_id"].map(weights).astype("float64"))
    if present.empty:
        return pd.DataFrame(columns=["iso3", "period", "score", "coverage", "stale_share", "contributions"])
    links = _factor_links(present, method, factors_of)
    keys = ["iso3", "period"]
    total_weight = sum(weights.values())
    summary = present.assign(stale_weight=present["weight"].where(present["age"] > 0, 0.0)).groupby(keys).agg(
        coverage=("weight", "sum"), stale_share=("stale_weight", "sum")) / total_weight
    summary["score"] = links.groupby(keys)["part"].sum()
    summary["contributions"] = _contributions(links)
    return summary.reset_index()[["iso3", "period", "score", "coverage", "stale_share", "contributions"]]


def _factor_links(present: pd.DataFrame, method: TierMethod, factors_of: dict[str, list[int]]) -> pd.DataFrame:
    """One row per (country, period, indicator, factor) with the part of the score it carries."""
    keys = ["iso3", "period"]
    links = present.assign(factor=present["indicator_id"].map(factors_of)).explode("factor")
    links = links[links["factor"].isin(list(method.factor_weights))].copy()
    links["factor_weight"] = links["factor"].map(method.factor_weights).astype(float)
    links["in_factor"] = links["weight"] / links.groupby(keys + ["factor"])["weight"].transform("sum")
    distinct = links.drop_duplicates(keys + ["factor"])
    weight_sum = distinct.groupby(keys)["factor_weight"].sum().rename("factor_weight_sum")
    links = links.join(weight_sum, on=keys)
    links["part"] = links["factor_weight"] / links["factor_weight_sum"] * links["in_factor"] * links["norm"]
    return links


def _contributions(links: pd.DataFrame) -> pd.Series:
    """JSON per country-period: {"factors": {factor: part}, "indicators": {id: part}}; each set sums to the score."""
    factors = links.assign(factor=links["factor"].astype(int).astype(str)).pivot_table(
        index=["iso3", "period"], columns="factor", values="part", aggfunc="sum")
    indicators = links.pivot_table(index=["iso3", "period"], columns="indicator_id", values="part", aggfunc="sum")
    factor_rows = factors.round(6).to_dict(orient="index")
    indicator_rows = indicators.round(6).to_dict(orient="index")
    return pd.Series({key: json.dumps({"factors": _present(factor_rows[key]),
                                       "indicators": _present(indicator_rows[key])}) for key in factor_rows})


def _present(row: dict) -> dict:
    return {str(k): float(v) for k, v in row.items() if v == v}  # v == v drops NaN


def direct_scores(values: pd.DataFrame) -> pd.DataFrame:
    """A direct method: the indicator's latest value is the score; it is either there (coverage 1) or not."""
    contributions = values.apply(lambda r: json.dumps({"indicators": {r["indicator_id"]: float(r["value"])},
                                                       "factors": {}}), axis=1)
    return pd.DataFrame({
        "iso3": values["iso3"], "period": values["period"].astype(int), "score": values["value"].astype(float),
        "coverage": 1.0, "stale_share": (values["age"] > 0).astype(float), "contributions": contributions,
    })


def assign_tiers(scores: pd.DataFrame, method: TierMethod) -> pd.Series:
    """The tier for each score; below the method's coverage floor the tier is Insufficient data, never Low."""
    bounds = list(method.thresholds.items())
    tiers = pd.Series(INSUFFICIENT, index=scores.index, dtype="object")
    for tier, lower in reversed(bounds):
        tiers[scores["score"] >= lower] = tier
    tiers[(scores["coverage"] < method.coverage_floor - 1e-9) | scores["score"].isna()] = INSUFFICIENT
    return tiers


def indicator_scores(observations: pd.DataFrame, method: TierMethod, catalog: pd.DataFrame,
                     periods: list[int]) -> pd.DataFrame:
    """Scores and tiers of a composite or direct method for every country and period (see dispatch.score_method)."""
    wanted = observations[observations["indicator_id"].isin([i.id for i in method.indicators])]
    wanted = fill_missing(wanted, method)
    values = latest_values(wanted, periods, method.stale_after_years)
    if method.scoring == "direct":
        scores = direct_scores(values)
    else:
        directions = dict(zip(catalog["indicator_id"], catalog["higher_is_worse"], strict=True))
        factors = {k: list(v) for k, v in zip(catalog["indicator_id"], catalog["risk_factors"], strict=True)}
        values["norm"] = normalise(values, wanted, method, directions)
        scores = composite_scores(values, method, factors)
    scores = scores.assign(method_version=method.label)
    scores["tier"] = assign_tiers(scores, method)
    return scores[SCORE_COLUMNS]
