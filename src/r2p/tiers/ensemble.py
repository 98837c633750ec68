"""Ensemble scoring: the mean of other methods' within-year percentile ranks, every part needed."""

from __future__ import annotations

import json
from collections.abc import Mapping

import duckdb
import pandas as pd

from r2p.tiers.evaluation import forecast_lists
from r2p.tiers.evaluation_inputs import FOOS_LISTS, foos_list_rows
from r2p.tiers.method import EnsembleSettings, TierMethod, method
from r2p.tiers.scoring import SCORE_COLUMNS, assign_tiers
from r2p.vocabulary import INSUFFICIENT
from r2p.warehouse.queries import run

KEY = ["iso3", "period"]


def ewp_part(foos: pd.DataFrame, current: pd.DataFrame) -> pd.DataFrame:
    """EWP's published risk per data year (iso3, period, value, origin): its out-of-sample list for that year
    (foos: country, period, risk, from forecast_lists) wherever a list exists, else the current probability
    (current: iso3, period, value, ewp-1's stored scores). NOTE: a year with a FOOS list takes none of the current
    probabilities, so every past year is ranked on what EWP published out of sample then."""
    listed = pd.DataFrame({"iso3": foos["country"], "period": foos["period"].astype(int),
                           "value": foos["risk"].astype(float), "origin": "ewp-foos"})
    later = current[~current["period"].isin(listed["period"])]
    latest = pd.DataFrame({"iso3": later["iso3"], "period": later["period"].astype(int),
                           "value": later["value"].astype(float), "origin": "current"})
    return pd.concat([listed, latest], ignore_index=True).drop_duplicates(KEY).dropna(subset=["value"])


def ensemble_scores(parts: Mapping[str, pd.DataFrame], chosen: TierMethod) -> pd.DataFrame:
    """Scores and tiers (SCORE_COLUMNS) for every country-year any part scores.

    parts: per part (in the method's order), iso3, period, value (higher = more risk) and optionally origin. In each
    year, the countries every part scores are ranked on each part (percentile rank, 1 = highest, ties share the
    average rank) and scored by the mean of their ranks; a country missing a part has no score (coverage: the share
    of parts it has) and is Insufficient data, never ranked on the parts it has."""
    settings = _settings(chosen)
    names = [part.method for part in settings.parts]
    frames = [parts[name][[*KEY, "value"]].rename(columns={"value": name}) for name in names]
    wide = frames[0]
    for frame in frames[1:]:
        wide = wide.merge(frame, on=KEY, how="outer")
    if wide.empty:
        return pd.DataFrame(columns=SCORE_COLUMNS)
    complete = wide[names].notna().all(axis=1)
    ranks = wide[complete].groupby("period")[names].rank(pct=True, method="average")
    wide["score"] = ranks.mean(axis=1).reindex(wide.index)
    wide["coverage"] = wide[names].notna().sum(axis=1) / len(names)
    wide["contributions"] = _contributions(wide, ranks.reindex(wide.index), _origins(parts, names), names)
    scores = wide.assign(method_version=chosen.label, stale_share=0.0, period=wide["period"].astype(int))
    scores["tier"] = assign_tiers(scores, chosen)
    return scores[SCORE_COLUMNS].sort_values(KEY).reset_index(drop=True)


def _origins(parts: Mapping[str, pd.DataFrame], names: list[str]) -> dict[tuple[str, str, int], str]:
    found = {}
    for name in names:
        frame = parts[name]
        if "origin" in frame:
            found |= {(name, i, int(p)): o for i, p, o in zip(frame["iso3"], frame["period"], frame["origin"],
                                                              strict=True)}
    return found


def _contributions(wide: pd.DataFrame, ranks: pd.DataFrame, origins: dict, names: list[str]) -> list[str]:
    """JSON per country-year: each part's value, its percentile rank (None when not ranked) and its origin."""
    texts = []
    for position, (iso3, period) in enumerate(zip(wide["iso3"], wide["period"], strict=True)):
        about = {name: {"value": _number(wide[name].iat[position]), "rank": _number(ranks[name].iat[position]),
                        "origin": origins.get((name, iso3, int(period)), name)} for name in names}
        texts.append(json.dumps({"factors": {}, "indicators": {}, "ensemble": about}))
    return texts


def _number(value: float) -> float | None:
    return None if pd.isna(value) else float(value)


def ensemble_refresh(connection: duckdb.DuckDBPyConnection, chosen: TierMethod) -> pd.DataFrame:
    """An ensemble's scores from what the warehouse holds now: its parts' stored scores (refresh them first),
    EWP's FOOS lists standing in for an `ewp-foos` part in the years they cover."""
    parts = {}
    for part in _settings(chosen).parts:
        method(part.method)  # an unknown part fails here, by name
        stored = run(connection, "read/method_scores", {"method_version": part.method})
        usable = (stored["tier"] != INSUFFICIENT) & (stored["stale_share"].fillna(0) == 0)  # that year's own
        stored = stored[usable].rename(columns={"score": "value"})
        if part.past_years == "ewp-foos":
            observations = run(connection, "read/observations_of_indicators", {"indicator_ids": list(FOOS_LISTS)})
            stored = ewp_part(forecast_lists(foos_list_rows(observations)), stored)
        parts[part.method] = stored
    if any(frame.empty for frame in parts.values()):
        return pd.DataFrame(columns=SCORE_COLUMNS)  # a part with no scores at all (the demo has no forecast): none
    return ensemble_scores(parts, chosen)


def _settings(chosen: TierMethod) -> EnsembleSettings:
    if chosen.ensemble is None:
        raise ValueError(f"tier method {chosen.label} is not an ensemble")
    return chosen.ensemble
