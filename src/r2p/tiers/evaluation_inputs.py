"""The evaluation protocol's inputs read from the warehouse: EWP's FOOS lists, onsets, ongoing episodes, scores."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from r2p.tiers.evaluation import REFERENCE, evaluate, forecast_lists
from r2p.tiers.method import TierMethod, method, resolve_method
from r2p.vocabulary import INSUFFICIENT
from r2p.warehouse.queries import query
from r2p.warehouse.store import Warehouse

# FOOS risks are filed under the OUTCOME year; the list they belong to is the data year this many years before.
FOOS_LISTS = {"ewp.foos_risk_from_prev_year": 1, "ewp.foos_risk_from_two_years_prior": 2}
ONSET, ONGOING = "ewp.mk_onset", "ewp.mk_ongoing"
EWP_RISK = "ewp.risk_2yr"  # EWP's published two-year probability


class NothingToEvaluate(LookupError):
    """The warehouse lacks what the protocol needs (EWP's FOOS file, or its outcomes)."""


@dataclass(frozen=True)
class EvaluationInputs:
    """Everything the protocol reads, keyed by country (ISO3) and period."""

    lists: pd.DataFrame  # country, period (data year), risk
    onsets: pd.DataFrame  # country, period, value
    ongoing: pd.DataFrame  # country, period, value
    scores: dict[str, pd.DataFrame]  # method version label -> country, period, score (NaN = Insufficient data)


def foos_list_rows(observations: pd.DataFrame) -> pd.DataFrame:
    """The FOOS observations (iso3, indicator_id, period = outcome year, value) as list rows: country, period
    (the data year the forecast was made from), risk — before forecast_lists() drops the repeats."""
    rows = observations[observations["indicator_id"].isin(list(FOOS_LISTS))]
    lag = rows["indicator_id"].map(FOOS_LISTS).astype("int64")
    return pd.DataFrame({"country": rows["iso3"], "period": rows["period"] - lag, "risk": rows["value"]})


def method_scores(risk_scores: pd.DataFrame) -> dict[str, pd.DataFrame]:
    """Stored risk scores (iso3, period, method_version, score, tier) per method version; a score tiered
    Insufficient data counts as no score."""
    usable = risk_scores["score"].where(risk_scores["tier"] != INSUFFICIENT, np.nan).astype(float)
    frame = pd.DataFrame({"country": risk_scores["iso3"], "period": risk_scores["period"],
                          "method_version": risk_scores["method_version"], "score": usable})
    return {str(version): rows.drop(columns="method_version").reset_index(drop=True)
            for version, rows in frame.groupby("method_version", sort=True)}


def read_inputs(warehouse: Warehouse) -> EvaluationInputs:
    """The protocol's inputs; NothingToEvaluate names what is missing."""
    wanted = [*FOOS_LISTS, ONSET, ONGOING]
    observations = query(warehouse, "read/observations_of_indicators", {"indicator_ids": wanted})
    lists = forecast_lists(foos_list_rows(observations))
    if lists.empty:
        raise NothingToEvaluate("the warehouse holds no EWP out-of-sample forecasts: ingest EWP's FOOS file "
                                "(FOOSforecasts_*.csv) with `r2p ingest ewp FILE`")
    onsets, ongoing = (_outcome(observations, indicator) for indicator in (ONSET, ONGOING))
    if onsets.empty or int(onsets["period"].max()) < int(lists["period"].min()) + 2:
        raise NothingToEvaluate("the warehouse holds no mass-killing outcomes after EWP's first forecast year: "
                                "ingest EWP's base data (basedata*.csv) with `r2p ingest ewp FILE`")
    return EvaluationInputs(lists, onsets, ongoing, method_scores(query(warehouse, "read/risk_scores")))


def _outcome(observations: pd.DataFrame, indicator: str) -> pd.DataFrame:
    rows = observations[observations["indicator_id"] == indicator]
    return pd.DataFrame({"country": rows["iso3"], "period": rows["period"], "value": rows["value"]})


def backtest_table(warehouse: Warehouse, only: str | None = None) -> pd.DataFrame:
    """The protocol's table for every method with stored scores (or only the version label `only`) beside
    REFERENCE; `default` marks the method the Overview opens on."""
    inputs = read_inputs(warehouse)
    # NOTE: a method that tiers EWP's own published probability has EWP's out-of-sample record as its backtest
    # (REFERENCE): scored on its few stored years instead, it would seem to trail EWP, which it is.
    scores = {label: frame for label, frame in inputs.scores.items()
              if only in (None, label) and not publishes_ewp(method(label))}
    table = evaluate(inputs.lists, inputs.onsets, inputs.ongoing, scores)
    default = resolve_method(None, scored=list(inputs.scores))[0]
    table.insert(1, "default", table["method"] == (REFERENCE if publishes_ewp(default) else default.label))
    return table


def publishes_ewp(chosen: TierMethod) -> bool:
    """Whether a method tiers EWP's published two-year probability as it stands (ewp-1)."""
    return chosen.scoring == "direct" and chosen.indicators[0].id == EWP_RISK
