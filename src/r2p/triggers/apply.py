"""Evaluate every rule against the warehouse and open one review per new piece of evidence."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import duckdb
import pandas as pd

from r2p.reviews.records import Opening, open_review
from r2p.tiers.current import current_period
from r2p.tiers.method import method
from r2p.triggers.escalation import level
from r2p.triggers.evaluate import Firing, rank_firings, spike_firings, surge_firings, tier_firings
from r2p.triggers.rules import Rule, rule_book
from r2p.warehouse.queries import run


def evaluate_rules(connection: duckdb.DuckDBPyConnection, as_of: date | None = None) -> list[Firing]:
    """Every firing of every rule on the warehouse's data as of `as_of` (default: today, UTC): events dated up to
    it, and tier and rank periods (years) up to its year. NOTE: the scores are the ones held now; the warehouse does
    not rebuild the release that was in force on a past date."""
    as_of = as_of or datetime.now(UTC).date()
    firings: list[Firing] = []
    for rule in rule_book().rules:
        firings += _fire(connection, rule, as_of)
    return firings


def _fire(connection: duckdb.DuckDBPyConnection, rule: Rule, as_of: date) -> list[Firing]:
    if rule.kind in ("tier_rise", "crosses_into"):
        chosen = method(rule.method or "")
        history = _up_to_year(run(connection, "read/tier_history_all", {"method_version": chosen.label}), as_of)
        period = current_period(connection, chosen)
        return tier_firings(rule, history, chosen.label, None if period is None else min(period, as_of.year))
    if rule.kind == "rank_enters_top":
        values = run(connection, "read/indicator_all_values", {"indicator_id": rule.indicator})
        return rank_firings(rule, _up_to_year(values, as_of))
    return _event_firings(connection, rule, as_of)


def _event_firings(connection: duckdb.DuckDBPyConnection, rule: Rule, as_of: date) -> list[Firing]:
    """event_spike and admin1_surge, on the events up to `as_of`, as of the latest of them (event data lag).
    A spike's repeat is suppressed by the days from this rule's last review for the country to `as_of`."""
    latest = run(connection, "read/surge_latest_event", {"as_of": as_of})["last_date"].iloc[0]
    if latest is None or pd.isna(latest):
        return []
    data_date = pd.Timestamp(latest).date()
    if rule.kind == "admin1_surge":
        since = data_date - timedelta(weeks=rule.weeks_before + 1)
        return surge_firings(rule, run(connection, "read/surge_events", {"since": since, "as_of": data_date}),
                             data_date)
    events = run(connection, "read/event_deaths")
    last = run(connection, "read/last_firings", {"rule_id": rule.id, "as_of": as_of})
    fired = {str(iso3): pd.Timestamp(day).date() for iso3, day in zip(last["iso3"], last["last_fired"], strict=True)}
    return spike_firings(rule, events, data_date, fired, as_of)


def open_reviews(connection: duckdb.DuckDBPyConnection, firings: list[Firing], today: date | None = None,
                 who: str = "r2p triggers") -> int:
    """Open a review per firing whose evidence has not opened one before and whose rule has no open review
    for the country; returns how many were opened (inside the caller's write)."""
    today = today or datetime.now(UTC).date()
    known = run(connection, "read/review_keys")
    seen = set(known["evidence_key"].dropna())
    still_open = set(zip(known.loc[known["decision"].isna(), "rule_id"], known.loc[known["decision"].isna(), "iso3"],
                         strict=True))
    rules = {rule.id: rule for rule in rule_book().rules}
    opened = 0
    for firing in firings:
        if firing.evidence_key in seen or (firing.rule_id, firing.iso3) in still_open:
            continue
        rule = rules[firing.rule_id]
        at = level(rule.opens_at_level)
        due = today + timedelta(days=rule.review_days or at.decision_days)
        open_review(connection, Opening(iso3=firing.iso3, rule_id=firing.rule_id, evidence=firing.evidence,
                                        owner=at.holder, due_date=due, method_version=firing.method_version,
                                        evidence_key=firing.evidence_key, level=at.number),
                    who, firing.__dict__ | {"due_date": str(due), "level": at.number})
        seen.add(firing.evidence_key)
        still_open.add((firing.rule_id, firing.iso3))
        opened += 1
    return opened


def _up_to_year(frame: pd.DataFrame, as_of: date) -> pd.DataFrame:
    """Rows of periods (years) up to `as_of`'s year."""
    return frame[frame["period"] <= as_of.year]
