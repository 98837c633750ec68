"""Which period is current for a tier method: the one door every page, command, export and trigger rule uses."""

from __future__ import annotations

import duckdb
import pandas as pd

from r2p.tiers.method import TierMethod, method
from r2p.warehouse.queries import Readable, query, run

# NOTE: the same tolerance as scoring.assign_tiers, so a share that reaches the floor by arithmetic reaches it here.
_TOLERANCE = 1e-9


def current_period(source: pd.DataFrame | Readable | duckdb.DuckDBPyConnection,
                   method_version: TierMethod | str) -> int | None:
    """The current period of a tier method (a method, its id or version label; see `current_period_of`), from its
    stored scores: a frame of them (iso3, period, coverage, stale_share), a warehouse or snapshot, or an open
    connection (the trigger rules read through one)."""
    chosen = method_version if isinstance(method_version, TierMethod) else method(method_version)
    if isinstance(source, pd.DataFrame):
        scores = source
    else:
        params = {"method_version": chosen.label}
        reads = run if isinstance(source, duckdb.DuckDBPyConnection) else query
        scores = reads(source, "read/score_coverage", params)
    return current_period_of(scores, chosen.coverage_floor)


def current_period_of(scores: pd.DataFrame, coverage_floor: float) -> int | None:
    """The latest period in which more than half of the method's countries have fresh data up to its floor.

    scores: iso3, period, coverage, stale_share of one method version, as risk_score stores them (both are shares
    of the method's total indicator weight). A country's data in a period reaches the floor when its **fresh**
    share, `coverage - stale_share` (values of that very year, not carried forward from earlier ones), is at least
    `coverage_floor`. NOTE: coverage alone is not enough: it counts values up to `stale_after_years` old, so one
    new value for one country makes a year in which every country has a tier from last year's data.
    The method's countries are all those it scored in any period, so a year in which only a few countries have
    data is not current. If no period reaches a majority: the period in which the most countries reach the floor,
    among equals the one with the most fresh data, then the latest. None when there are no scores."""
    if scores.empty:
        return None
    fresh = scores["coverage"].astype(float) - scores["stale_share"].astype(float).fillna(0.0)
    return majority_period(scores.assign(fresh=fresh, reached=fresh >= coverage_floor - _TOLERANCE))


def majority_period(rows: pd.DataFrame) -> int | None:
    """The latest period in which more than half of all countries in `rows` (iso3, period, reached: bool, and
    optionally fresh: the share of fresh data, by default 1 where reached) reached it; failing that, the period in
    which the most did, among equals the one with the most fresh data, then the latest. None when empty.

    NOTE: the fallback weighs fresh data so that, where no country ever reaches the floor, a later year scored only
    on carried-forward values still loses to the last year that had data of its own."""
    if rows.empty:
        return None
    countries = rows["iso3"].nunique()
    reached = rows["reached"].astype(bool)
    fresh = rows["fresh"].astype(float) if "fresh" in rows else reached.astype(float)
    by_period = pd.DataFrame({"period": rows["period"].astype(int), "reached": reached, "fresh": fresh}).groupby(
        "period").sum()
    majority = by_period[by_period["reached"] * 2 > countries]
    if len(majority):
        return int(majority.index.max())
    return int(by_period.reset_index().sort_values(["reached", "fresh", "period"])["period"].iloc[-1])
