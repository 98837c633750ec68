"""Evaluate every rule against the warehouse and open one review per new piece of evidence."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import duckdb

from r2p.reviews.records import Opening, open_review
from r2p.tiers.current import current_period
from r2p.tiers.method import method
from r2p.triggers.evaluate import Firing, rank_firings, spike_firings, tier_firings
from r2p.triggers.rules import Rule, rule_book
from r2p.warehouse.queries import run


def evaluate_rules(connection: duckdb.DuckDBPyConnection) -> list[Firing]:
    """Every firing of every rule on the warehouse's current data."""
    firings: list[Firing] = []
    for rule in rule_book().rules:
        firings += _fire(connection, rule)
    return firings


def _fire(connection: duckdb.DuckDBPyConnection, rule: Rule) -> list[Firing]:
    if rule.kind in ("tier_rise", "crosses_into"):
        chosen = method(rule.method or "")
        history = run(connection, "read/tier_history_all", {"method_version": chosen.label})
        return tier_firings(rule, history, chosen.label, current_period(connection, chosen))
    if rule.kind == "rank_enters_top":
        return rank_firings(rule, run(connection, "read/indicator_all_values", {"indicator_id": rule.indicator}))
    events = run(connection, "read/event_deaths")
    if events.empty:
        return []
    return spike_firings(rule, events, events["event_date"].max().date())


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
        due = today + timedelta(days=rules[firing.rule_id].review_days)
        open_review(connection, Opening(iso3=firing.iso3, rule_id=firing.rule_id, evidence=firing.evidence,
                                        owner=rule_book().owner, due_date=due, method_version=firing.method_version,
                                        evidence_key=firing.evidence_key),
                    who, firing.__dict__ | {"due_date": str(due)})
        seen.add(firing.evidence_key)
        still_open.add((firing.rule_id, firing.iso3))
        opened += 1
    return opened
