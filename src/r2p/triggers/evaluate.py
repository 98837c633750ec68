"""Pure evaluation of trigger rules on tier history, rank data and events: which rules fire, with evidence."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date

import pandas as pd

from r2p.tiers.current import majority_period
from r2p.triggers.rules import Rule
from r2p.triggers.surges import admin1_surges, new_highs, suppressed, thirty_day_highs
from r2p.vocabulary import tier_rank


@dataclass(frozen=True)
class Firing:
    """A rule that fired for a country; `evidence_key` makes the same evidence open at most one review."""

    rule_id: str
    iso3: str
    evidence_key: str
    evidence: str
    method_version: str | None = None


def _latest_two(frame: pd.DataFrame, current: int | None) -> tuple[pd.DataFrame, pd.DataFrame, int | None,
                                                                    int | None]:
    """The rows of the `current` period and of the period before it (None: no current period, nothing fires)."""
    periods = sorted(p for p in frame["period"].unique() if current is not None and p <= current)
    if not periods:
        nothing = frame.iloc[:0].set_index("iso3")
        return nothing, nothing, None, None
    latest, previous = periods[-1], (periods[-2] if len(periods) > 1 else None)
    return (frame[frame["period"] == latest].set_index("iso3"),
            frame[frame["period"] == previous].set_index("iso3"), int(latest),
            None if previous is None else int(previous))


def tier_firings(rule: Rule, history: pd.DataFrame, method_version: str, period: int | None) -> list[Firing]:
    """tier_rise / crosses_into on the method's current `period` (r2p.tiers.current_period) against the period
    before it; a later period scored on carried-forward data fires nothing. history: iso3, period, tier."""
    current, previous, latest, before = _latest_two(history, period)
    firings = []
    for iso3, row in current.iterrows():
        old_tier = previous["tier"].get(iso3)
        new_rank, old_rank = tier_rank(row["tier"]), tier_rank(old_tier) if old_tier else None
        if rule.kind == "tier_rise":
            fired = new_rank is not None and old_rank is not None and old_rank - new_rank >= rule.steps
        else:
            fired = row["tier"] in rule.tiers and old_tier not in rule.tiers
        if fired:
            evidence = f"{method_version} tier {old_tier or 'not scored'} ({before}) → {row['tier']} ({latest})"
            firings.append(Firing(rule.id, str(iso3), f"{rule.id}:{method_version}:{iso3}:{latest}", evidence,
                                  method_version))
    return firings


def rank_firings(rule: Rule, values: pd.DataFrame) -> list[Firing]:
    """rank_enters_top: ranked by value (highest first) in the current period vs the previous one. The current
    period is the indicator's by the tier methods' rule (r2p.tiers.current): the latest in which more than half of
    the countries ranked in any year have a value, so one country's early value for a new year fires nothing."""
    ranked = values.assign(rank=values.groupby("period")["value"].rank(ascending=False, method="min"))
    period = majority_period(values.assign(reached=values["value"].notna()))
    current, previous, latest, before = _latest_two(ranked, period)
    firings = []
    for iso3, row in current[current["rank"] <= rule.top].iterrows():
        old = previous["rank"].get(iso3)
        if old is None or old > rule.top:
            was = f"rank {int(old)} ({before})" if old is not None else "unranked"
            firings.append(Firing(rule.id, str(iso3), f"{rule.id}:{iso3}:{latest}",
                                  f"{rule.indicator} {was} → rank {int(row['rank'])} of top {rule.top} ({latest})"))
    return firings


def spike_firings(rule: Rule, events: pd.DataFrame, as_of: date, last_fired: Mapping[str, date] | None = None,
                  run_date: date | None = None) -> list[Firing]:
    """event_spike (HDX Signals style, see r2p.triggers.surges): 30-day deaths to `as_of` at a 1- or 3-year high and
    at least the minimum; `last_fired` (iso3 -> the day this rule last opened a review) suppresses a repeat within
    the rule's suppress_days before `run_date` (default `as_of`) that is not extreme.
    events: iso3, event_date, violence_type, deaths_best."""
    highs = new_highs(thirty_day_highs(events, as_of, rule.window_days, rule.high_years, rule.violence_types),
                      rule.minimum)
    shortest = f"high_{min(rule.high_years)}y"
    firings = []
    for row in highs.itertuples(index=False):
        previous = float(getattr(row, shortest))
        if suppressed(row.iso3, row.deaths, previous, run_date or as_of, last_fired or {}, rule.suppress_days,
                      rule.extreme_ratio):
            continue
        high = float(getattr(row, f"high_{row.horizon}y"))
        span = "the past year" if row.horizon == 1 else f"the past {row.horizon} years"
        firings.append(Firing(rule.id, str(row.iso3), f"{rule.id}:{row.iso3}:{as_of:%Y-%m}",
                              f"{row.deaths:.0f} deaths in the {rule.window_days} days to {as_of}; the highest "
                              f"in {span} (previous high {high:.0f})"))
    return firings


def surge_firings(rule: Rule, events: pd.DataFrame, as_of: date) -> list[Firing]:
    """admin1_surge (ACLED surge tracker style): one firing per country, admin-1 area and week (the week of
    `as_of`). events: iso3, event_date, admin1, latitude, longitude, violence_type, deaths_best."""
    found = admin1_surges(events, as_of, weeks_before=rule.weeks_before, ratio=rule.surge_ratio,
                          minimum=rule.minimum, violence_types=rule.violence_types)
    return [Firing(rule.id, str(row.iso3), f"{rule.id}:{row.iso3}:{row.admin1}:{row.week_start:%Y-%m-%d}",
                   f"{row.admin1}: {row.events} events in the week of {row.week_start:%Y-%m-%d} (to {as_of}), "
                   + _against(row.ratio, row.prior_average, rule.weeks_before))
            for row in found.itertuples(index=False)]


def _against(ratio: float, average: float, weeks: int) -> str:
    if ratio == float("inf"):
        return f"after none in the {weeks} weeks before"
    return f"{ratio:.1f}× the average of the {weeks} weeks before ({average:.1f})"
