"""The evaluation protocol as people read it: the table with counts, shares and intervals, its notes, and what to
load when the warehouse cannot be evaluated. Shared by Data & methods and `r2p backtest`."""

from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd

from r2p.tiers.bootstrap import ROUNDS, SEED
from r2p.tiers.evaluation import TIE_RULE, TOPS, verdict_sentences
from r2p.tiers.evaluation_inputs import NothingToEvaluate, backtest_table
from r2p.warehouse.queries import Readable

PROTOCOL = (
    "Forecast-year definition: for each data year t of EWP's published out-of-sample lists (from 1993), each "
    "method ranks the same countries by its score; a positive is an onset window, a new mass killing in t+1 or "
    "t+2 (one onset can make two windows). A country the method cannot score, or scores as Insufficient data, "
    "ranks last and counts as a miss. The last year is the last whose window has closed in the loaded outcomes. "
    "EWP's published metric counts each onset once, caught by the better of its two prior-year ranks, with the "
    "AUC on the higher of the two risks.")
NOTE = ("* = the method the Overview opens on. "
        f"Bootstrap: {ROUNDS} stratified rounds (positives and negatives resampled apart), seed {SEED}, the same "
        f"draws for every method. Ties: {TIE_RULE}. Years: data years for forecast-year, outcome years for "
        "ewp-published. EWP's FOOS file is built from the revised data of its release (some onsets were coded "
        "later), so it is partly, not fully, out of sample.")
SUBSET_NAMES = {"all": "All windows", "no-ongoing": "No mass killing under way",
                "ongoing": "Mass killing already under way"}


# The targets for the default method, on the forecast-year definition: (what, subset, how it is measured).
TARGETS = (
    ("AUC no more than 0.02 below EWP's", "all", lambda row: row["delta_auc"] >= -0.02,
     lambda row: f"{row['delta_auc']:+.3f}"),
    ("Top 30 within 2 windows of EWP's", "all", lambda row: row["delta_caught_30"] >= -2,
     lambda row: f"{row['delta_caught_30']:+d} windows"),
    ("Paired AUC difference above 0 (whole 95 % CI)", "all", lambda row: row["delta_auc_ci"][0] > 0,
     lambda row: f"{row['delta_auc']:+.3f} [{row['delta_auc_ci'][0]:+.3f}, {row['delta_auc_ci'][1]:+.3f}]"),
    ("AUC at least 0.86", "all", lambda row: row["auc"] >= 0.86, lambda row: f"{row['auc']:.3f}"),
    ("No mass killing under way: top 10 catches at least 25 %", "no-ongoing",
     lambda row: row["caught_10"] >= 0.25 * row["positives"],
     lambda row: f"{row['caught_10']} of {row['positives']} ({row['caught_10'] / row['positives']:.0%})"),
    ("No mass killing under way: top 30 catches at least 55 %", "no-ongoing",
     lambda row: row["caught_30"] >= 0.55 * row["positives"],
     lambda row: f"{row['caught_30']} of {row['positives']} ({row['caught_30'] / row['positives']:.0%})"),
)


@dataclass(frozen=True)
class Evaluation:
    """The protocol's table and one sentence per method, or why there is none (`missing`: what to load)."""

    table: pd.DataFrame = field(default_factory=pd.DataFrame)
    sentences: dict[str, str] = field(default_factory=dict)
    targets: pd.DataFrame = field(default_factory=pd.DataFrame)  # the default method against its targets
    targets_said: str = ""
    missing: str = ""


def evaluation(warehouse: Readable) -> Evaluation:
    """Every method with stored scores scored against EWP's FOOS record, or what the warehouse lacks for it."""
    try:
        table = backtest_table(warehouse)
    except NothingToEvaluate as error:
        return Evaluation(missing=str(error))
    checks = target_checks(table)
    default = table.loc[table["default"], "method"]
    said = targets_sentence(checks, str(default.iloc[0])) if len(checks) else ""
    return Evaluation(table, verdict_sentences(table), checks, said)


def readable(table: pd.DataFrame) -> pd.DataFrame:
    """The table as a person reads it: counts with their share, figures with their 95 % interval."""
    shown = pd.DataFrame({
        "Method": table["method"] + table["default"].map({True: " *", False: ""}),
        "Definition": table["definition"], "Windows": table["subset"].map(SUBSET_NAMES),
        "Years": table["first_year"].astype(str) + "–" + table["last_year"].astype(str),
        "Positives": table["positives"]})
    for top in TOPS:
        shares = table[f"caught_{top}"] / table["positives"].where(table["positives"] > 0)
        shown[f"Caught in top {top}"] = [f"{n} ({share:.0%})" if pd.notna(share) else str(n)
                                         for n, share in zip(table[f"caught_{top}"], shares, strict=True)]
    for column, value, pattern in (("AUC [95% CI]", "auc", "{:.3f}"), ("AUC vs EWP [95% CI]", "delta_auc", "{:+.3f}"),
                                   ("Top 30 vs EWP [95% CI]", "delta_caught_30", "{:+.0f}")):
        shown[column] = [_with_interval(v, ci, pattern) for v, ci in zip(table[value], table[f"{value}_ci"],
                                                                         strict=True)]
    shown["Verdict (AUC)"] = table["verdict"].fillna("")
    return shown


def _with_interval(value: float, bounds: list[float] | None, pattern: str) -> str:
    if pd.isna(value) or bounds is None:
        return ""
    return f"{pattern.format(value)} [{pattern.format(bounds[0])}, {pattern.format(bounds[1])}]"


def target_checks(table: pd.DataFrame) -> pd.DataFrame:
    """The default method's figures against each target (forecast-year definition), met or missed; empty when the
    default is EWP's own record or has no row."""
    rows = table[(table["definition"] == "forecast-year") & table["default"] & table["verdict"].notna()]
    if rows.empty:
        return pd.DataFrame(columns=["Target", "Measured", "Met"])
    by_subset = rows.set_index("subset")
    checks = [(what, shown(by_subset.loc[subset]), "met" if test(by_subset.loc[subset]) else "missed")
              for what, subset, test, shown in TARGETS]
    return pd.DataFrame(checks, columns=["Target", "Measured", "Met"])


def targets_sentence(checks: pd.DataFrame, method_label: str) -> str:
    """One plain sentence: every target met, or which were missed."""
    missed = checks.loc[checks["Met"] == "missed", "Target"].tolist()
    if not missed:
        return f"{method_label}, the default, meets every target set for it."
    return f"{method_label}, the default, misses {len(missed)} of {len(checks)} targets: " + "; ".join(missed) + "."
