"""`r2p calendar`: the table, and an iCalendar file that a calendar parser reads back field by field."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from icalendar import Calendar

from r2p.convening.calendar import decision_points
from tests.helpers.cli import r2p


def test_the_ics_file_has_one_all_day_event_per_decision_point_with_source_and_link(tmp_path: Path) -> None:
    out = tmp_path / "sudan.ics"
    result = r2p("calendar", "--country", "SDN", "--format", "ics", "--out", str(out))
    assert result.returncode == 0, result.stderr
    expected = decision_points("SDN")
    assert f"Wrote {len(expected)} decision point(s)" in result.stdout
    book = Calendar.from_ical(out.read_bytes())
    assert str(book["VERSION"]) == "2.0" and "R2P Watch" in str(book["PRODID"])
    events = book.walk("VEVENT")
    assert len(events) == len(expected) > 3
    for event, point in zip(events, expected, strict=True):
        assert str(event["SUMMARY"]) == point.title
        start = event.decoded("DTSTART")
        assert start == point.date and type(start) is date  # all-day: a date, not a date-time
        assert event.decoded("DTEND") > start
        assert str(event["URL"]) == point.source_url and point.source_url in str(event["DESCRIPTION"])
        assert event.decoded("DTSTAMP").tzinfo is not None
    uids = [str(e["UID"]) for e in events]
    assert len(set(uids)) == len(uids)


def test_the_uid_of_an_event_is_the_same_on_every_export(tmp_path: Path) -> None:
    first, second = tmp_path / "a.ics", tmp_path / "b.ics"
    for path in (first, second):
        assert r2p("calendar", "--format", "ics", "--out", str(path)).returncode == 0
    uids = [[str(e["UID"]) for e in Calendar.from_ical(p.read_bytes()).walk("VEVENT")] for p in (first, second)]
    assert uids[0] == uids[1]  # re-importing updates events rather than duplicating them


def test_the_table_lists_a_countrys_points_with_sources() -> None:
    shown = r2p("calendar", "--country", "COD", "--since", "2026-01-01")
    assert shown.returncode == 0, shown.stderr
    assert "MONUSCO mandate expires" in shown.stdout and "https://undocs.org/S/RES/2808(2025)" in shown.stdout
    assert "UNMISS" not in shown.stdout


def test_a_bad_date_exits_2_and_says_why() -> None:
    bad = r2p("calendar", "--since", "soon")
    assert bad.returncode == 2 and "--since 'soon' is not a date (YYYY-MM-DD)" in bad.stderr
