"""The backtest: onsets caught in the top ranks and AUC, checked on hand-made data and on the demo warehouse."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from r2p.tiers.backtest import auc, backtest, backtest_report, outcomes
from r2p.warehouse import Warehouse


def test_auc_is_one_for_perfect_separation_and_half_for_ties() -> None:
    assert auc(np.array([0.9, 0.8, 0.1, 0.2]), np.array([True, True, False, False])) == 1.0
    assert auc(np.array([0.5, 0.5, 0.5]), np.array([True, False, False])) == 0.5
    assert np.isnan(auc(np.array([0.1, 0.2]), np.array([False, False])))


def test_onsets_count_in_the_two_years_after_the_forecast() -> None:
    onsets = pd.DataFrame({"iso3": ["A", "B"], "period": [2002, 2004], "value": [1, 1]})
    found = outcomes(onsets, [2000, 2001, 2002])
    assert sorted(map(tuple, found[["iso3", "period"]].to_numpy())) == [("A", 2000), ("A", 2001), ("B", 2002)]


def test_share_caught_in_the_top_ranks() -> None:
    countries = [f"C{i:02d}" for i in range(40)]
    scores = pd.DataFrame({"iso3": countries, "period": 2000, "method_version": "m-1",
                           "score": np.arange(40, 0, -1, dtype=float)})  # C00 highest
    onsets = pd.DataFrame({"iso3": ["C05", "C15", "C35"], "period": [2001, 2002, 2002], "value": 1})
    report = backtest(scores, onsets).set_index("year").loc["2000"]
    assert report["onsets"] == 3
    assert (report["top10"], report["top20"], report["top30"]) == pytest.approx((1 / 3, 2 / 3, 2 / 3))
    # 37 negatives; C05 outranks 32 of them, C15 23 and C35 4.
    assert report["auc"] == pytest.approx((32 + 23 + 4) / (3 * 37))


def test_years_without_a_complete_outcome_window_are_left_out(warehouse: Warehouse) -> None:
    report = backtest_report(warehouse)
    years = report.loc[report["year"] != "all", "year"].astype(int)
    assert years.max() <= 2025 - 2
    assert set(report["method_version"]) == {"composite-1", "ewp-1"}
    overall = report[report["year"] == "all"].set_index("method_version")
    assert overall["onsets"].gt(0).all() and overall["auc"].between(0, 1).all()
