"""Pure evaluation of trigger rules on tier history, rank data and events: which rules fire, with evidence."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

import pandas as pd

from r2p.tiers.current import majority_period
from r2p.triggers.rules import Rule
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


def spike_firings(rule: Rule, events: pd.DataFrame, as_of: date) -> list[Firing]:
    """event_spike: deaths in the window ending at `as_of` above every window of the previous lookback years."""
    window = timedelta(days=rule.window_days)
    start = pd.Timestamp(as_of - timedelta(days=365 * rule.lookback_years) - window)
    chosen = events[events["violence_type"].isin(rule.violence_types)
                    & (pd.to_datetime(events["event_date"]) > start)]
    firings = []
    for iso3, country in chosen.groupby("iso3"):
        daily = country.groupby(pd.to_datetime(country["event_date"]))["deaths_best"].sum()
        daily = daily.reindex(pd.date_range(start, pd.Timestamp(as_of)), fill_value=0)
        rolling = daily.rolling(rule.window_days).sum()
        current = float(rolling.iloc[-1])
        baseline = float(rolling.iloc[:-rule.window_days].max()) if len(rolling) > rule.window_days else 0.0
        if current >= rule.minimum and current > baseline:
            firings.append(Firing(rule.id, str(iso3), f"{rule.id}:{iso3}:{as_of:%Y-%m}",
                                  f"{current:.0f} deaths in the {rule.window_days} days to {as_of}; highest "
                                  f"30-day total in the previous {rule.lookback_years} years: {baseline:.0f}"))
    return firings
