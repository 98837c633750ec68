"""Escalation levels (escalation.yml, validated) and which overdue reviews move up one level, on small frames."""

from __future__ import annotations

from datetime import date, timedelta

import pandas as pd
import pytest

from r2p.triggers.escalation import EscalationError, Level, escalations, level, levels, parse_levels
from r2p.triggers.rules import rule_book

CHAIN = tuple(Level(number=n, name=f"L{n}", holder=f"holder {n}", recipients=(f"l{n}@example.org",),
                    decision_days=10 * n) for n in (1, 2, 3))
AS_OF = date(2026, 3, 1)


def test_the_shipped_levels_are_numbered_from_one_with_addresses_and_deadlines() -> None:
    chain = levels()
    assert [lvl.number for lvl in chain] == list(range(1, len(chain) + 1)) and len(chain) >= 2
    assert all(lvl.recipients and all("@" in address for address in lvl.recipients) for lvl in chain)
    assert all(isinstance(address, str) for lvl in chain for address in lvl.recipients)
    assert level(2) == chain[1]
    with pytest.raises(KeyError, match=f"levels are 1 to {len(chain)}"):
        level(len(chain) + 1)


def test_every_rule_opens_at_a_level_that_exists_and_very_high_opens_above_the_desk() -> None:
    book = rule_book()
    assert all(1 <= rule.opens_at_level <= len(levels()) for rule in book.rules)
    very_high = [rule for rule in book.rules if rule.kind == "crosses_into" and rule.tiers == ("Very high",)]
    assert very_high and all(rule.opens_at_level == 2 for rule in very_high)


@pytest.mark.parametrize(("text", "message"), [
    ("levels: []", "`levels` is empty"),
    ("- a\n- b", "expected one key, `levels`"),
    ("levels:\n  - {name: Desk, holder: d, recipients: [not-an-address], decision_days: 7}",
     "level 1 (Desk): recipients: Value error, not an e-mail address: 'not-an-address'"),
    ("levels:\n  - {name: Desk, holder: d, recipients: [a@b.org], decision_days: 7}\n"
     "  - {name: Boss, holder: b, recipients: [c@d.org], decision_days: 0}",
     "level 2 (Boss): decision_days: Input should be greater than or equal to 1"),
    ("levels:\n  - {name: Desk, recipients: [a@b.org], decision_days: 7}", "level 1 (Desk): holder: Field required"),
    ("levels:\n  - {name: Desk, holder: d, recipients: [a@b.org], decision_days: 7, colour: red}",
     "level 1 (Desk): colour: Extra inputs are not permitted"),
])
def test_a_malformed_file_is_refused_naming_the_level_and_field(text: str, message: str) -> None:
    with pytest.raises(EscalationError, match="^test.yml: ") as raised:
        parse_levels(text, "test.yml")
    assert message in str(raised.value)


def _reviews(rows: list[tuple]) -> pd.DataFrame:
    return pd.DataFrame(rows, columns=["review_id", "level", "owner", "due_date", "decision"])


def test_an_undecided_review_past_its_deadline_moves_up_one_level_with_the_new_holder_and_deadline() -> None:
    reviews = _reviews([
        (1, 1, "holder 1", pd.Timestamp("2026-02-27"), None),  # overdue: moves to 2
        (2, 2, "holder 2", pd.Timestamp("2026-01-01"), None),  # long overdue: still one level only, to 3
        (3, 1, "holder 1", pd.Timestamp("2026-03-01"), None),  # due today: not yet overdue
        (4, 1, "holder 1", pd.Timestamp("2026-02-01"), "act"),  # decided: never moves
        (5, 3, "holder 3", pd.Timestamp("2026-02-01"), None),  # at the top: stays, overdue
    ])
    moves = escalations(reviews, AS_OF, CHAIN)
    assert [(m.review_id, m.old_level, m.new_level, m.new_holder) for m in moves] == [
        (1, 1, 2, "holder 2"), (2, 2, 3, "holder 3")]
    assert [m.new_deadline for m in moves] == [AS_OF + timedelta(days=20), AS_OF + timedelta(days=30)]
    assert [(m.old_holder, m.old_deadline) for m in moves] == [("holder 1", date(2026, 2, 27)),
                                                               ("holder 2", date(2026, 1, 1))]


def test_a_review_from_before_levels_counts_as_level_one() -> None:
    moves = escalations(_reviews([(7, None, "desk", pd.Timestamp("2026-01-01"), None)]), AS_OF, CHAIN)
    assert [(m.old_level, m.new_level) for m in moves] == [(1, 2)]


def test_nothing_moves_in_a_one_level_chain() -> None:
    reviews = _reviews([(1, 1, "holder 1", pd.Timestamp("2026-01-01"), None)])
    assert escalations(reviews, AS_OF, CHAIN[:1]) == []
