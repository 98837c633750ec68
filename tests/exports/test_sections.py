"""The pack's sections say what the convening tools hold and nothing more: the worksheet, the selected options
(opposing ones side by side), the judgements marked DRAFT until approved, the decision calendar, sourced and
unverified engagements, and the method in words."""

from __future__ import annotations

import dataclasses
import re
from datetime import date, timedelta
from importlib import resources

import pytest
import yaml

from r2p.access.rights import Role, User
from r2p.convening.calendar import decision_points
from r2p.convening.judgements import approve_judgements
from r2p.convening.options import set_selection
from r2p.convening.worksheet import Perpetrator, save_worksheet
from r2p.exports.briefing import Briefing, gather_briefing
from r2p.exports.method_words import method_in_words
from r2p.exports.sections import pack_sections
from r2p.exports.sections_detail import UNVERIFIED
from r2p.tiers.method import methods
from r2p.warehouse import Warehouse
from tests.helpers.data import FIXED_TODAY

SINCE = date(2023, 6, 1)
EDITOR = User("C. Editor", Role.EDITOR, "oidc")


def _section(brief: Briefing, heading: str) -> tuple[str, list[tuple[str, ...]]]:
    """The section's lines joined, and every table row (with the header) of it."""
    section = next(s for s in pack_sections(brief) if s.heading.startswith(heading))
    rows = [row for table in section.tables for row in (table.columns, *table.rows)]
    return "\n".join(section.lines), rows


@pytest.fixture(scope="module")
def sudan(briefed: Warehouse) -> Briefing:
    return gather_briefing(briefed, "SDN", SINCE, None, FIXED_TODAY)


def test_nothing_written_is_said_and_nothing_is_invented(sudan: Briefing) -> None:
    assert sudan.convening.worksheet is None and not sudan.convening.options
    scenarios, rows = _section(sudan, "Scenarios and actors")
    assert "No worksheet has been filled in for Sudan" in scenarios and not rows
    options, rows = _section(sudan, "Options and their implications")
    assert "No options have been selected for Sudan" in options and not rows


def test_the_judgements_are_a_draft_until_an_editor_approves_them(warehouse: Warehouse) -> None:
    draft = gather_briefing(warehouse, "SDN", SINCE, None, FIXED_TODAY)
    bottom = pack_sections(draft)[0].lines
    assert draft.convening.judgements is not None and not draft.convening.judgements.approved
    assert "Key judgements (DRAFT — not approved)" in bottom
    for sentence in draft.convening.judgements.key_judgements:
        assert any(line.endswith(sentence) for line in bottom)
    approve_judgements(warehouse, "SDN", EDITOR, FIXED_TODAY)
    approved = pack_sections(gather_briefing(warehouse, "SDN", SINCE, None, FIXED_TODAY))[0].lines
    assert "Key judgements" in approved and not any("DRAFT" in line for line in approved)
    assert any(line.startswith("Approved by C. Editor on ") for line in approved)


def test_a_saved_worksheet_and_opposing_options_show_side_by_side(warehouse: Warehouse) -> None:
    save_worksheet(warehouse, "SDN", [Perpetrator("Militia X", "Land", "Small arms", "Rainy season ends")],
                   ["Farming communities in the west"], ["Impunity for past attacks"], ["Local peace committees"],
                   ["Contested election"], ["Raids spread to the capital's outskirts"], ["Troop movements"], EDITOR)
    set_selection(warehouse, "SDN", "targeted_sanctions", True, "Pressure on the militia's financiers.", EDITOR)
    set_selection(warehouse, "SDN", "good_offices", True, "Keep a channel open to both parties.", EDITOR)
    set_selection(warehouse, "SDN", "civil_society", True, "Fund local monitors.", EDITOR)
    brief = gather_briefing(warehouse, "SDN", SINCE, None, FIXED_TODAY)
    scenarios, rows = _section(brief, "Scenarios and actors")
    assert "Worksheet version 1, edited by C. Editor" in scenarios
    assert "Farming communities in the west" in scenarios and "Troop movements" in scenarios
    assert ("Militia X", "Land", "Small arms", "Rainy season ends") in rows
    options, rows = _section(brief, "Options and their implications")
    names = {choice.option.id: choice.option.name for choice in brief.convening.options}
    sanctions, good_offices = brief.convening.opposing[0]
    assert ("", names["targeted_sanctions"], names["good_offices"]) in rows  # pressure first, side by side
    implications = next(row for row in rows if row[0] == "Implications")
    assert implications[1] == "; ".join(sanctions.option.implications)
    assert implications[2] == "; ".join(good_offices.option.implications)
    assert any(row[0] == names["civil_society"] for row in rows)  # opposes nothing: listed on its own


def test_the_next_decision_points_come_from_the_calendar(briefed: Warehouse) -> None:
    points = decision_points("SDN")
    assert points, "the shipped calendar should hold decision points for Sudan"
    today = points[0].date
    brief = gather_briefing(briefed, "SDN", date(today.year - 1, 1, 1), None, today)
    _, rows = _section(brief, "Next decision points")
    for point in decision_points("SDN", after=today)[:len(brief.convening.decision_points)]:
        assert any(row[0] == str(point.date) and row[1].startswith(point.title) for row in rows), point.title
    assert any(line.startswith(f"{points[0].date}: ") for line in pack_sections(brief)[0].lines)


def test_after_the_last_decision_point_held_the_pack_says_none_after_today_is_recorded(briefed: Warehouse) -> None:
    last = decision_points("SDN")[-1].date
    today = last + timedelta(days=1)
    brief = gather_briefing(briefed, "SDN", date(today.year - 1, 1, 1), None, today)
    expected = f"No UN decision point after {today} is recorded for Sudan"
    assert expected in _section(brief, "Next decision points")[0]
    assert any(line.startswith(expected) for line in pack_sections(brief)[0].lines)  # the bottom line too


def test_engagements_without_a_source_are_marked_unverified(sudan: Briefing) -> None:
    _, rows = _section(sudan, "Engagement")
    engaged = sudan.situation.engaged
    unsourced = engaged["source_url"].fillna("").astype(str).str.strip().eq("")
    assert len(rows) == len(engaged) + 1
    assert sum(row[-1] == UNVERIFIED for row in rows) == int(unsourced.sum())


def _keys(node: object) -> set[str]:
    """Every mapping key in a YAML document, at any depth."""
    if isinstance(node, dict):
        return {str(key) for key in node} | {k for value in node.values() for k in _keys(value)}
    return {k for value in node for k in _keys(value)} if isinstance(node, list) else set()


def test_the_method_is_told_in_words_without_config_keys() -> None:
    folder = resources.files("r2p.catalog").joinpath("methods")
    keys = {key for entry in folder.iterdir() if entry.name.endswith(".yml")
            for key in _keys(yaml.safe_load(entry.read_text(encoding="utf-8"))) if "_" in key}
    assert {"stale_after_years", "coverage_floor", "reference_period"} <= keys
    for method in methods():
        text = " ".join(method_in_words(method))
        assert not [key for key in keys if key in text], (method.label, text)
        assert "`" not in text and f"{method.coverage_floor:.0%}" in text


def test_what_changed_says_when_the_data_end_before_the_window(sudan: Briefing) -> None:
    period, last_event = sudan.snapshot.period, sudan.changes.last_event
    assert period is not None and last_event is not None
    later = dataclasses.replace(sudan, since=date(period + 1, 6, 1))
    text = "\n".join(pack_sections(later)[0].lines)
    assert f"no data newer than {period}, the latest scored year" in text
    assert re.search(rf"Events: no data newer than {last_event:%Y-%m-%d}", text)
    assert "moves" not in text and "Events from" not in text  # nothing pretends the window was empty
