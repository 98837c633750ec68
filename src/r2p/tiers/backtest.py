"""Backtest: how well each method's top ranks anticipated mass-killing onsets in the next two years."""

from __future__ import annotations

import numpy as np
import pandas as pd

from r2p.warehouse.queries import query
from r2p.warehouse.store import Warehouse

TOPS = (10, 20, 30)
HORIZON = 2


def outcomes(onsets: pd.DataFrame, periods: list[int], horizon: int = HORIZON) -> pd.DataFrame:
    """For each forecast period t: iso3 with an onset in t+1..t+horizon (onsets: iso3, period, value 0/1)."""
    hits = onsets.loc[onsets["value"] > 0, ["iso3", "period"]]
    # An onset in year p is in the window of the forecasts made in p-1 … p-horizon (vectorised: `r2p bench`).
    rows = pd.concat([hits.assign(period=hits["period"] - ahead) for ahead in range(1, horizon + 1)])
    rows = rows[rows["period"].isin(periods)].astype({"period": "int64"})
    return rows.sort_values(["period", "iso3"]).drop_duplicates().reset_index(drop=True).assign(onset=1)


def auc(scores: np.ndarray, positives: np.ndarray) -> float:
    """Area under the ROC curve (Mann–Whitney), ties counted half; NaN without both classes."""
    n_pos, n_neg = int(positives.sum()), int((~positives).sum())
    if n_pos == 0 or n_neg == 0:
        return float("nan")
    ranks = pd.Series(scores).rank(method="average").to_numpy()
    return float((ranks[positives].sum() - n_pos * (n_pos + 1) / 2) / (n_pos * n_neg))


def backtest(scores: pd.DataFrame, onsets: pd.DataFrame, horizon: int = HORIZON) -> pd.DataFrame:
    """Per method version and forecast year (plus an `all` row): onsets, share caught in the top 10/20/30, AUC.

    scores: iso3, period, method_version, score. Only years whose whole outcome window is observed count.
    """
    last_observed = int(onsets["period"].max()) if len(onsets) else -1
    scored = scores.dropna(subset=["score"])
    scored = scored[scored["period"] + horizon <= last_observed]
    truth = outcomes(onsets, sorted(scored["period"].unique()), horizon)
    joined = scored.merge(truth, on=["iso3", "period"], how="left").fillna({"onset": 0})
    joined["rank"] = joined.groupby(["method_version", "period"])["score"].rank(ascending=False, method="first")
    rows = [_row(version, int(year), group) for (version, year), group in joined.groupby(["method_version", "period"])]
    rows += [_row(version, "all", group) for version, group in joined.groupby("method_version")]
    return pd.DataFrame(rows)


def _row(version: str, year: object, group: pd.DataFrame) -> dict:
    positives = group["onset"].to_numpy() > 0
    ranks = group["rank"].to_numpy()[positives]
    caught = {f"top{k}": float((ranks <= k).mean()) if positives.any() else np.nan for k in TOPS}
    return {"method_version": version, "year": str(year), "countries": len(group), "onsets": int(positives.sum()),
            **caught, "auc": auc(group["score"].to_numpy(), positives)}


def backtest_report(warehouse: Warehouse) -> pd.DataFrame:
    """The backtest on the warehouse's scores and `ewp.mk_onset` observations."""
    return backtest(query(warehouse, "read/tiered_scores"), query(warehouse, "read/mass_killing_onsets"))
