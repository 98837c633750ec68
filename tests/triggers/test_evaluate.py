"""Trigger evaluation on hand-made histories: each rule kind fires exactly when it should."""

from __future__ import annotations

from datetime import date

import pandas as pd

from r2p.triggers.evaluate import rank_firings, spike_firings, tier_firings
from r2p.triggers.rules import Rule, rule_book

HISTORY = pd.DataFrame({
    "iso3": ["AAA", "AAA", "BBB", "BBB", "CCC", "CCC", "DDD"],
    "period": [2024, 2025, 2024, 2025, 2024, 2025, 2025],
    "tier": ["Moderate", "Elevated", "High", "Very high", "Elevated", "Elevated", "High"],
})


def _rule(**fields: object) -> Rule:
    return Rule(**({"id": "r", "description": "d", "review_days": 7} | fields))


def test_the_shipped_rule_book_loads() -> None:
    kinds = {r.kind for r in rule_book().rules}
    assert kinds == {"tier_rise", "crosses_into", "rank_enters_top", "event_spike", "admin1_surge"}


def test_tier_rise_by_one_step_or_more() -> None:
    fired = tier_firings(_rule(kind="tier_rise", method="composite"), HISTORY, "composite-1", 2025)
    assert {f.iso3 for f in fired} == {"AAA", "BBB"}  # DDD had no previous tier
    assert fired[0].evidence_key == "r:composite-1:AAA:2025"
    assert "Moderate (2024) → Elevated (2025)" in fired[0].evidence
    two_steps = tier_firings(_rule(kind="tier_rise", method="composite", steps=2), HISTORY, "composite-1", 2025)
    assert two_steps == []


def test_crossing_into_high_or_above() -> None:
    rule = _rule(kind="crosses_into", method="composite", tiers=("Very high", "High"))
    assert {f.iso3 for f in tier_firings(rule, HISTORY, "composite-1", 2025)} == {"DDD"}  # BBB was already High


def test_entering_the_top_n() -> None:
    values = pd.DataFrame({"iso3": ["A", "B", "C", "A", "B", "C"], "period": [2023] * 3 + [2024] * 3,
                           "value": [0.3, 0.2, 0.1, 0.1, 0.2, 0.3]})
    fired = rank_firings(_rule(kind="rank_enters_top", indicator="ewp.risk_2yr", top=2), values)
    assert [(f.iso3, f.evidence_key) for f in fired] == [("C", "r:C:2024")]


def _events(rows: list[tuple]) -> pd.DataFrame:
    return pd.DataFrame(rows, columns=["iso3", "event_date", "violence_type", "deaths_best"])


def test_spike_needs_a_level_unseen_in_the_lookback_and_the_minimum() -> None:
    rule = _rule(kind="event_spike", violence_types=(3,), window_days=30, high_years=(3,), minimum=100)
    events = _events([
        ("AAA", "2023-05-01", 3, 90), ("AAA", "2025-12-20", 3, 60), ("AAA", "2025-12-30", 3, 60),  # 120 > 90
        ("BBB", "2024-03-01", 3, 500), ("BBB", "2025-12-15", 3, 300),  # 300 < 500 seen before
        ("CCC", "2025-12-15", 3, 80),  # new high but under the minimum
        ("DDD", "2025-12-15", 1, 400),  # wrong violence type
        ("EEE", "2021-01-01", 3, 1000), ("EEE", "2025-12-10", 3, 150),  # the big one is older than 3 years
    ])
    fired = spike_firings(rule, events, date(2025, 12, 31))
    assert {f.iso3 for f in fired} == {"AAA", "EEE"}
    assert next(f for f in fired if f.iso3 == "AAA").evidence.startswith("120 deaths in the 30 days to 2025-12-31")
