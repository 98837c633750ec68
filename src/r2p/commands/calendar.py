"""`r2p calendar`: the UN decision points, as a table or as an iCalendar file Outlook and other calendars open."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import pandas as pd
import typer
from icalendar import Calendar, Event

from r2p.commands.output import Format, emit
from r2p.convening.calendar import DecisionPoint, decision_points

PRODUCT_ID = "-//R2P Watch//UN decision calendar//EN"
UID_DOMAIN = "r2p-watch.calendar"


class CalendarFormat(StrEnum):
    table = "table"
    ics = "ics"


def register(app: typer.Typer) -> None:
    app.command(name="calendar")(calendar)


def calendar(
    country: Annotated[str | None, typer.Option("--country", help="Only this country's decision points (ISO3), "
                                                "with the Council sessions that concern every country.")] = None,
    since: Annotated[str | None, typer.Option(help="First day to list (YYYY-MM-DD); default: every date held.")]
    = None,
    output: Annotated[CalendarFormat, typer.Option("--format", help="table, or ics (iCalendar).")]
    = CalendarFormat.table,
    out: Annotated[Path | None, typer.Option("--out", help="Write to this file instead of printing.")] = None,
) -> None:
    """The UN decision calendar: mandate expiries, sanctions and panels, reports due, Council sessions, each with
    its source."""
    try:
        after = date.fromisoformat(since) if since else None
    except ValueError:
        typer.echo(f"Error: --since {since!r} is not a date (YYYY-MM-DD).", err=True)
        raise typer.Exit(2) from None
    points = decision_points(country.upper() if country else None, after)
    if output is CalendarFormat.ics:
        data = ics_bytes(points)
        if out is None:
            typer.echo(data.decode("utf-8"), nl=False)
        else:
            out.write_bytes(data)
            typer.echo(f"Wrote {len(points)} decision point(s) to {out}.")
        return
    table = points_table(points)
    if out is None:
        emit(table, Format.table)
    else:
        out.write_text(table.to_csv(index=False), encoding="utf-8")
        typer.echo(f"Wrote {len(points)} decision point(s) to {out}.")


def points_table(points: tuple[DecisionPoint, ...]) -> pd.DataFrame:
    return pd.DataFrame([{"date": p.date.isoformat(), "kind": p.kind_label, "title": p.title,
                          "countries": ", ".join(p.iso3s) or "all", "source": p.source_url} for p in points],
                        columns=["date", "kind", "title", "countries", "source"])


def ics_bytes(points: tuple[DecisionPoint, ...], stamp: datetime | None = None) -> bytes:
    """An RFC 5545 calendar: one all-day VEVENT per decision point, with a stable UID, its source and link."""
    book = Calendar()
    book.add("prodid", PRODUCT_ID)
    book.add("version", "2.0")
    book.add("calscale", "GREGORIAN")
    book.add("x-wr-calname", "R2P Watch: UN decision points")
    stamped = stamp or datetime.now(UTC).replace(microsecond=0)
    for point in points:
        event = Event()
        event.add("uid", f"{point.date:%Y%m%d}-{_slug(point)}@{UID_DOMAIN}")
        event.add("dtstamp", stamped)
        event.add("summary", point.title)
        event.add("dtstart", point.date)
        event.add("dtend", point.date + timedelta(days=1))  # all-day: the end date is exclusive
        event.add("description", f"{point.kind_label} ({point.body}). Countries: {', '.join(point.iso3s) or 'all'}. "
                                 f"Source: {point.source_url}")
        event.add("url", point.source_url)
        event.add("transp", "TRANSPARENT")
        book.add_component(event)
    return book.to_ical()


def _slug(point: DecisionPoint) -> str:
    words = "".join(c if c.isalnum() else "-" for c in f"{point.kind}-{'-'.join(point.iso3s)}-{point.title}".lower())
    return "-".join(part for part in words.split("-") if part)[:80]
