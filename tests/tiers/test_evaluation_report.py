"""The protocol as people read it: the default method's targets, met or missed, in a table and one sentence."""

from __future__ import annotations

import pandas as pd

from r2p.tiers.evaluation_report import target_checks, targets_sentence


def _row(method: str, subset: str, default: bool, **figures: object) -> dict:
    base = {"method": method, "definition": "forecast-year", "subset": subset, "default": default,
            "positives": 35 if subset == "no-ongoing" else 72, "caught_10": 0, "caught_30": 0, "auc": 0.5,
            "delta_auc": 0.0, "delta_auc_ci": [-0.1, 0.1], "delta_caught_30": 0, "verdict": "matches within noise"}
    return base | figures


def test_each_target_is_checked_on_the_default_methods_own_rows() -> None:
    table = pd.DataFrame([
        _row("ewp-foos", "all", False, verdict=None),
        _row("ensemble-1", "all", True, auc=0.867, delta_auc=0.036, delta_auc_ci=[0.006, 0.063], delta_caught_30=1),
        _row("ensemble-1", "no-ongoing", True, caught_10=11, caught_30=18),
        _row("forecast-1", "all", False, auc=0.99, delta_auc=0.5, delta_auc_ci=[0.4, 0.6]),
    ])
    checks = target_checks(table).set_index("Target")
    assert checks["Met"].tolist() == ["met", "met", "met", "met", "met", "missed"]
    assert checks.at["No mass killing under way: top 30 catches at least 55 %", "Measured"] == "18 of 35 (51%)"
    said = targets_sentence(target_checks(table), "ensemble-1")
    assert said == ("ensemble-1, the default, misses 1 of 6 targets: No mass killing under way: top 30 catches at "
                    "least 55 %.")


def test_a_method_below_ewp_misses_and_one_above_every_mark_meets_them_all() -> None:
    behind = pd.DataFrame([
        _row("composite-1", "all", True, auc=0.80, delta_auc=-0.03, delta_auc_ci=[-0.06, -0.01], delta_caught_30=-3),
        _row("composite-1", "no-ongoing", True, caught_10=2, caught_30=10)])
    assert set(target_checks(behind)["Met"]) == {"missed"}
    ahead = pd.DataFrame([_row("m-1", "all", True, auc=0.9, delta_auc=0.05, delta_auc_ci=[0.01, 0.09]),
                          _row("m-1", "no-ongoing", True, caught_10=9, caught_30=20)])
    assert targets_sentence(target_checks(ahead), "m-1") == "m-1, the default, meets every target set for it."


def test_no_targets_when_the_default_is_ewps_own_record() -> None:
    table = pd.DataFrame([_row("ewp-foos", "all", True, verdict=None), _row("ewp-foos", "no-ongoing", True,
                                                                              verdict=None)])
    assert target_checks(table).empty
