"""Each trigger rule's track record: what its reviews became, and, for the rules history can test, whether its
firings came before mass-killing onsets (the onsets and two-year horizon of the tier backtest, r2p.tiers.evaluation).
"""

from __future__ import annotations

import pandas as pd

from r2p.tiers.current import majority_period
from r2p.tiers.evaluation import HORIZON
from r2p.tiers.evaluation_inputs import ONSET
from r2p.tiers.method import method
from r2p.triggers.rules import Rule, rule_book
from r2p.vocabulary import tier_rank
from r2p.warehouse.queries import query
from r2p.warehouse.store import Warehouse

BACKTESTED = ("tier_rise", "crosses_into", "rank_enters_top")
MIN_ONSETS = 5  # fewer onsets than this in the tested years: too little history to state a share


def review_record(reviews: pd.DataFrame, escalated_ids: set[int], rules: tuple[Rule, ...]) -> pd.DataFrame:
    """Per rule: reviews opened by year, opened, decided on time (by the deadline, never escalated), decided late,
    escalated at least once, still undecided. reviews: review_id, rule_id, opened_at, due_date, decision,
    decided_at."""
    rows = []
    for rule in rules:
        mine = reviews[reviews["rule_id"] == rule.id]
        moved = mine["review_id"].isin(escalated_ids)
        decided = mine["decision"].notna()
        in_time = decided & ~moved & (pd.to_datetime(mine["decided_at"]).dt.normalize()
                                      <= pd.to_datetime(mine["due_date"]))
        by_year = pd.to_datetime(mine["opened_at"]).dt.year.value_counts().sort_index()
        rows.append({"rule_id": rule.id, "opened_by_year": " · ".join(f"{y}: {n}" for y, n in by_year.items()),
                     "opened": len(mine), "decided_on_time": int(in_time.sum()),
                     "decided_late": int((decided & ~in_time).sum()), "escalated": int(moved.sum()),
                     "undecided": int((~decided).sum())})
    return pd.DataFrame(rows, columns=["rule_id", "opened_by_year", "opened", "decided_on_time", "decided_late",
                                       "escalated", "undecided"])


def history_firings(rule: Rule, frame: pd.DataFrame) -> pd.DataFrame:
    """Every period in which the rule would have fired (iso3, period): the rule's own test (r2p.triggers.evaluate)
    replayed on each period against the one before it, all at once. frame: tier history (iso3, period, tier) for
    tier rules, indicator values (iso3, period, value) for rank rules."""
    if rule.kind == "rank_enters_top":
        ranked = frame.assign(rank=frame.groupby("period")["value"].rank(ascending=False, method="min"))
        steps = _with_previous(ranked, "rank")
        fired = (steps["rank"] <= rule.top) & ~(steps["old_rank"] <= rule.top)
        fired &= steps["period"].isin(_rank_periods(frame))
    else:
        steps = _with_previous(frame, "tier")
        if rule.kind == "tier_rise":
            new, old = steps["tier"].map(tier_rank), steps["old_tier"].map(tier_rank)
            fired = new.notna() & old.notna() & (old - new >= rule.steps)
        else:
            fired = steps["tier"].isin(rule.tiers) & ~steps["old_tier"].isin(rule.tiers)
    return steps.loc[fired, ["iso3", "period"]].astype({"period": int}).sort_values(["iso3", "period"]).reset_index(
        drop=True)


def _with_previous(frame: pd.DataFrame, column: str) -> pd.DataFrame:
    """Each row from the second period on, beside the same country's `column` in the period before (old_<column>)."""
    periods = sorted(frame["period"].unique())
    previous = dict(zip(periods[1:], periods[:-1], strict=True))
    current = frame[frame["period"].isin(list(previous))].assign(before=lambda f: f["period"].map(previous))
    earlier = frame[["iso3", "period", column]].rename(columns={"period": "before", column: f"old_{column}"})
    return current.merge(earlier, on=["iso3", "before"], how="left")


def _rank_periods(values: pd.DataFrame) -> set[int]:
    """The periods a rank rule could have fired in: each year's current period by the majority rule
    (r2p.tiers.current.majority_period) on the values known up to it."""
    reached = values.assign(reached=values["value"].notna())
    return {found for period in sorted(values["period"].unique())
            if (found := majority_period(reached[reached["period"] <= period])) is not None}


def backtest(firings: pd.DataFrame, onsets: pd.DataFrame, periods: tuple[int, int]) -> dict:
    """Onsets (iso3, period of a new mass killing) preceded by a firing in the HORIZON years before, firings per
    onset, firings followed by no onset (false alarms) and the lead time (onset year minus the earliest firing in
    its window). Only years the replay could cover count: `periods` is (first, last) period of the replayed data;
    a firing counts once its window has closed in the loaded onsets."""
    first, last = periods
    last_outcome = int(onsets["period"].max()) if len(onsets) else first
    tested = onsets[(onsets["period"] - HORIZON >= first + 1) & (onsets["period"] - 1 <= last)]
    judged = firings[(firings["period"] >= first + 1) & (firings["period"] + HORIZON <= last_outcome)]
    leads, caught = [], 0
    for onset in tested.itertuples():
        before = firings[(firings["iso3"] == onset.iso3)
                         & firings["period"].between(onset.period - HORIZON, onset.period - 1)]
        if len(before):
            caught += 1
            leads.append(int(onset.period - before["period"].min()))
    followed = [bool(((onsets["iso3"] == f.iso3) & onsets["period"].between(f.period + 1, f.period + HORIZON)).any())
                for f in judged.itertuples()]
    onset_years = f"{tested['period'].min()}–{tested['period'].max()}" if len(tested) else "none"
    return {"onset_years": onset_years, "onsets": len(tested), "preceded": caught,
            "share_preceded": caught / len(tested) if len(tested) >= MIN_ONSETS else None,
            "firings": len(judged), "firings_per_onset": len(judged) / len(tested) if len(tested) else None,
            "false_alarms": followed.count(False),
            "median_lead_years": float(pd.Series(leads).median()) if leads else None,
            "note": _note(len(tested), onset_years)}


def _note(onsets: int, years: str) -> str:
    if onsets == 0:
        return "No onset in the years the replay covers: nothing to test."
    if onsets < MIN_ONSETS:
        return f"Too little history: {onsets} onset(s) in {years}; no share is stated."
    return ""


def rule_backtests(warehouse: Warehouse) -> pd.DataFrame:
    """The backtest of every rule history can test (tier crossings and rises, rank entries), one row per rule."""
    onsets = query(warehouse, "read/observations_of_indicators", {"indicator_ids": [ONSET]})
    onsets = onsets.loc[onsets["value"] > 0, ["iso3", "period"]]
    rows = []
    for rule in rule_book().rules:
        if rule.kind not in BACKTESTED:
            continue
        if rule.kind == "rank_enters_top":
            frame, label = query(warehouse, "read/indicator_all_values", {"indicator_id": rule.indicator}), None
        else:
            label = method(rule.method or "").label
            frame = query(warehouse, "read/tier_history_all", {"method_version": label})
        if frame.empty:
            rows.append({"rule_id": rule.id, "note": "No history to replay."})
            continue
        fired = history_firings(rule, frame.dropna(subset=["tier"]) if label else frame)
        span = (int(frame["period"].min()), int(frame["period"].max()))
        rows.append({"rule_id": rule.id, "replayed_years": f"{span[0]}–{span[1]}", **backtest(fired, onsets, span)})
    return pd.DataFrame(rows)


def rule_reviews(warehouse: Warehouse) -> pd.DataFrame:
    """review_record() of the warehouse's reviews and escalations, for every rule in the rule book."""
    reviews = query(warehouse, "read/reviews")
    escalated = query(warehouse, "read/review_escalations")
    return review_record(reviews, set(escalated["review_id"].astype(int)), rule_book().rules)
