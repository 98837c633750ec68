"""The UN decision calendar: shipped entries are sourced and valid, and questions by country and date."""

from __future__ import annotations

import re
from datetime import date

import pytest

from r2p.convening.calendar import CalendarError, decision_points, parse_calendar, shipped_calendar
from r2p.engagement.registry import country_list
from r2p.engagement.seed import seed_frames
from tests.helpers.engagement import COUNTRIES


def test_every_shipped_entry_names_its_source_document_and_known_countries() -> None:
    points = shipped_calendar()
    assert len(points) >= 10
    assert all(p.source_url.startswith("https://") for p in points)
    assert {code for p in points for code in p.iso3s} <= COUNTRIES
    assert list(points) == sorted(points, key=lambda p: (p.date, p.title))


def test_an_entry_citing_a_resolution_links_that_resolution_when_it_links_a_un_document() -> None:
    # the deciding resolution is the last one a title names; earlier ones say which measures it extends
    cited = [(p, re.findall(r"res\. (\d{4}) \((\d{4})\)", p.title)) for p in shipped_calendar()]
    linked = [(p, found[-1]) for p, found in cited if found and p.source_url.startswith("https://undocs.org/")]
    assert linked
    for point, (number, year) in linked:
        assert point.source_url == f"https://undocs.org/S/RES/{number}({year})", point.title


def test_peace_operations_sanctions_panels_reports_and_sessions_are_all_held() -> None:
    kinds = {p.kind for p in shipped_calendar()}
    assert {"mandate_expiry", "sanctions_expiry", "panel_expiry", "report_due", "session"} <= kinds
    titles = " ".join(p.title for p in shipped_calendar())
    assert all(name in titles for name in ("UNMISS", "MINUSCA", "MONUSCO", "UNISFA", "Human Rights Council"))


def test_calendar_countries_are_situations_in_the_registry() -> None:
    situations = seed_frames(set(COUNTRIES))["situations"]
    covered = {code for countries in situations["countries"] for code in country_list(countries)}
    assert {code for p in shipped_calendar() for code in p.iso3s} <= covered


def test_one_country_gets_its_own_points_and_the_sessions_that_concern_everyone() -> None:
    sudan = decision_points("SDN")
    assert sudan and all("SDN" in p.iso3s or not p.iso3s for p in sudan)
    assert any(p.kind == "session" for p in sudan) and any("UNISFA" in p.title for p in sudan)
    assert not any("MONUSCO" in p.title for p in sudan)
    assert decision_points("sdn") == sudan  # codes are case-insensitive


def test_after_and_limit_narrow_in_date_order() -> None:
    day = date(2026, 11, 1)
    later = decision_points(after=day)
    assert later and all(p.date >= day for p in later)
    assert decision_points(after=day, limit=1) == later[:1]
    assert decision_points(after=date(2099, 1, 1)) == ()


@pytest.mark.parametrize(("text", "message"), [
    ("- {date: 2026-01-01, title: Too short, kind: session, body: HRC, source_url: https://a.org}", "entry 1: title"),
    ("- {date: 2026-01-01, title: A long enough title, kind: vote, body: HRC, source_url: https://a.org}",
     "entry 1: kind"),
    ("- {date: 2026-01-01, title: A long enough title, kind: session, body: HRC, source_url: http://a.org}",
     "entry 1: source_url"),
    ("- {date: 2026-01-01, title: A long enough title, kind: session, body: HRC, iso3s: [sd], "
     "source_url: https://a.org}", "not ISO3 country codes: sd"),
])
def test_a_bad_entry_is_refused_naming_the_entry_and_field(text: str, message: str) -> None:
    with pytest.raises(CalendarError, match=message.replace("(", r"\(")):
        parse_calendar(text)
