"""Escalation levels (escalation.yml, validated) and which overdue reviews move up one level, on small frames."""

from __future__ import annotations

import os
import re
from datetime import date, timedelta
from pathlib import Path

import pandas as pd
import pytest

from r2p.triggers.escalation import (
    EscalationError,
    Level,
    escalations,
    example_notice,
    example_recipients,
    level,
    levels,
    parse_levels,
    source,
)
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


SITE = """levels:
  - {name: Desk, holder: Prevention desk, recipients: [desk@un.int], decision_days: 5}
  - {name: Director, holder: Director of prevention, recipients: [director@un.int, deputy@un.int], decision_days: 3}
"""


@pytest.fixture
def site_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    path = tmp_path / "site-escalation.yml"
    path.write_text(SITE, encoding="utf-8")
    monkeypatch.setenv("R2P_ESCALATION_FILE", str(path))
    return path


def test_the_shipped_recipients_are_examples_and_say_so() -> None:
    assert example_recipients(levels()) == [address for lvl in levels() for address in lvl.recipients]
    notice = example_notice()
    assert notice is not None and "shipped example escalation.yml" in notice and "R2P_ESCALATION_FILE" in notice


def test_a_site_file_replaces_the_holders_recipients_and_deadlines(site_file: Path) -> None:
    chain = levels()
    assert [(lvl.number, lvl.holder, lvl.recipients, lvl.decision_days) for lvl in chain] == [
        (1, "Prevention desk", ("desk@un.int",), 5),
        (2, "Director of prevention", ("director@un.int", "deputy@un.int"), 3)]
    assert example_notice() is None and source() == f"R2P_ESCALATION_FILE {site_file}"
    moved = escalations(_reviews([(1, 1, "Prevention desk", pd.Timestamp("2026-02-27"), None)]), AS_OF, chain)
    assert [(m.new_holder, m.new_deadline) for m in moved] == [("Director of prevention", AS_OF + timedelta(days=3))]
    with pytest.raises(KeyError, match=f"levels are 1 to 2 \\(R2P_ESCALATION_FILE {re.escape(str(site_file))}\\)"):
        level(3)


def test_a_changed_site_file_is_read_again(site_file: Path) -> None:
    assert levels()[0].holder == "Prevention desk"
    site_file.write_text(SITE.replace("Prevention desk", "Early warning cell"), encoding="utf-8")
    os.utime(site_file, ns=(site_file.stat().st_atime_ns, site_file.stat().st_mtime_ns + 10**9))
    assert levels()[0].holder == "Early warning cell"


def test_a_site_file_still_naming_example_addresses_is_called_out(site_file: Path) -> None:
    site_file.write_text(SITE.replace("director@un.int", "director@example.com"), encoding="utf-8")
    notice = example_notice()
    assert notice is not None and "director@example.com" in notice and str(site_file) in notice
    assert "desk@un.int" not in notice


@pytest.mark.parametrize(("text", "message"), [
    (SITE.replace("[director@un.int, deputy@un.int]", "[director at un]"),
     "level 2 (Director): recipients: Value error, not an e-mail address: 'director at un'"),
    (SITE.replace("decision_days: 3", "decision_days: 0"),
     "level 2 (Director): decision_days: Input should be greater than or equal to 1"),
    (SITE.replace("holder: Prevention desk, ", ""), "level 1 (Desk): holder: Field required"),
    ("levels: [", "not valid YAML"),
    ("levels: []", "`levels` is empty"),
])
def test_a_malformed_site_file_is_refused_like_the_shipped_one_naming_the_file(site_file: Path, text: str,
                                                                              message: str) -> None:
    site_file.write_text(text, encoding="utf-8")
    with pytest.raises(EscalationError, match=f"^R2P_ESCALATION_FILE {re.escape(str(site_file))}: ") as raised:
        levels()
    assert message in str(raised.value)


def test_a_missing_site_file_is_refused_naming_it(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("R2P_ESCALATION_FILE", str(tmp_path / "nowhere.yml"))
    with pytest.raises(EscalationError, match="nowhere.yml: cannot be read"):
        levels()


def test_a_site_chain_shorter_than_a_rules_opening_level_is_refused_naming_rule_and_file(site_file: Path) -> None:
    assert len(rule_book().rules)  # two levels hold every shipped rule (very-high rules open at level 2)
    site_file.write_text(SITE.split("  - {name: Director")[0], encoding="utf-8")
    os.utime(site_file, ns=(site_file.stat().st_mtime_ns + 10**9,) * 2)  # a new mtime, so the file is read again
    with pytest.raises(EscalationError, match=f"^R2P_ESCALATION_FILE {re.escape(str(site_file))}: has 1 level"
                                              r"\(s\), but trigger rule [a-z0-9-]+ opens its reviews at level 2"):
        rule_book()
