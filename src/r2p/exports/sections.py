"""The briefing pack as plain sections (headings, lines, tables, chart keys): the PDF, the PPTX and the page's
preview print the same words from here. Page 1 is the bottom line; the sections after it give the detail."""

from __future__ import annotations

import pandas as pd

from r2p.engagement.dates import format_partial_date
from r2p.exports.briefing import Briefing
from r2p.exports.labels import DEMO_NOTE, format_as_of, stamp
from r2p.exports.pack_text import (
    BOTTOM_LINE,
    DECISIONS,
    ENGAGEMENT,
    HEADINGS,
    INVITEES,
    OPTIONS,
    SCENARIOS,
    SOURCES,
    WHAT_CHANGED,
    Section,
    Subheading,
    Table,
)
from r2p.exports.sections_detail import (
    decisions_section,
    engagement_section,
    invitees_section,
    no_decision_point,
    options_section,
    review_table,
    scenarios_section,
    sources_section,
)
from r2p.exports.what_changed import change_lines, draft_mark, what_changed_summary

__all__ = ["BOTTOM_LINE", "DECISIONS", "ENGAGEMENT", "HEADINGS", "INVITEES", "OPTIONS", "SCENARIOS", "SOURCES",
           "WHAT_CHANGED", "Section", "Subheading", "Table", "cover_lines", "pack_sections"]
BOTTOM_LINE_POINTS = 3  # decision points on page 1; "Next decision points" lists them all
BOTTOM_LINE_INVITEES = 8
CHANGE_CHARTS = ("casualty_trend", "event_map", "tier_history", "contributions")


def changes_heading(briefing: Briefing) -> str:
    return f"{WHAT_CHANGED} since {briefing.since}"


def cover_lines(briefing: Briefing, link: str | None = None) -> tuple[str, ...]:
    """What the pack is and when it was made, printed under the title on page 1. The marking is not repeated
    here: every page carries it once at the top and once at the bottom."""
    lines = [f"Prepared {briefing.today} · what changed since {briefing.since} · generated "
             f"{stamp(briefing.generated_at)} by R2P Watch"]
    lines += [DEMO_NOTE] if briefing.is_demo else []
    return tuple(lines + ([f"Live view: {link}"] if link else []))


def pack_sections(briefing: Briefing, chart_keys: tuple[str, ...] = ()) -> tuple[Section, ...]:
    """The eight sections in reading order; `chart_keys` are the charts that exist (see pack_figures)."""
    return (bottom_line(briefing), _what_changed(briefing, chart_keys), scenarios_section(briefing),
            options_section(briefing), decisions_section(briefing), engagement_section(briefing, chart_keys),
            invitees_section(briefing), sources_section(briefing))


def bottom_line(b: Briefing) -> Section:
    """Tier by model and by analyst, key judgements, what changed, the next decisions, who should be there."""
    names = list(b.invitees["name"])
    more = f", and {len(names) - BOTTOM_LINE_INVITEES} more" if len(names) > BOTTOM_LINE_INVITEES else ""
    room = ", ".join(names[:BOTTOM_LINE_INVITEES]) + more if names else "No invitee rule applies on this date."
    written = b.convening.judgements
    judged = "Key judgements" + (draft_mark(written) if written is not None and written.key_judgements else "")
    lines = [Subheading("Risk tier"), *tier_lines(b), Subheading(judged), *judgement_lines(b),
             Subheading(WHAT_CHANGED), *what_changed_summary(b),
             Subheading(DECISIONS), *next_decision_lines(b, BOTTOM_LINE_POINTS),
             Subheading(INVITEES), room]
    return Section(BOTTOM_LINE, tuple(lines))


def tier_lines(b: Briefing) -> list[str]:
    snap = b.snapshot
    as_of = format_as_of(b.sources["as_of"].max() if len(b.sources) else None)
    scored = f"scored year {snap.period}" if snap.period else "no scored year"
    lines = [f"By the model: {snap.model_tier} — {b.method.name}, method version {b.method.label}, {scored}, "
             f"data as of {as_of}.",
             f"By the analyst: {snap.assessed_tier}" + (f" — {snap.assessment}" if snap.assessment else
                                                        " (no analyst's tier recorded).")]
    return lines + ([f"Why Insufficient data: {snap.reason}"] if snap.reason else [])


def judgement_lines(b: Briefing) -> list[str]:
    """The key judgements (the heading above them says DRAFT until an editor approves them)."""
    written = b.convening.judgements
    if written is None or not written.key_judgements:
        return ["No key judgements have been written for this situation yet."]
    lines = [f"{number}. {text}" for number, text in enumerate(written.key_judgements, start=1)]
    return lines + ([f"{written.label} (version {written.version})."] if written.approved else [])


def next_decision_lines(b: Briefing, limit: int | None = None) -> list[str]:
    points = b.convening.decision_points[:limit] if limit else b.convening.decision_points
    lines = [f"{format_as_of(p.date)}: {p.title}" for p in points]
    if not lines:
        lines.append(no_decision_point(b))
    if len(b.pending):
        overdue = int((b.pending["state"] == "overdue").sum())
        lines.append(f"{len(b.pending)} R2P Watch review(s) wait for a decision ({overdue} overdue).")
    return lines


def _what_changed(b: Briefing, chart_keys: tuple[str, ...]) -> Section:
    c = b.changes
    tables = []
    if len(c.started) or len(c.ended):
        rows = [("started", format_partial_date(r.started, r.started_precision), r) for r in c.started.itertuples()]
        rows += [("ended", format_partial_date(r.ended, r.ended_precision) or f"{format_as_of(r.until)} (actor "
                  "dissolved)", r) for r in c.ended.itertuples()]
        tables.append(Table(("Change", "Date", "Actor", "Engagement"), tuple(
            (change, when, r.label, f"{r.kind_label}: {r.title} ({r.situation})") for change, when, r in rows),
            (1, 1.2, 1.6, 5), f"Engagements started or ended since {b.since}"))
    if len(c.opened) or len(c.decided):
        tables.append(review_table(pd.concat([c.opened, c.decided]).drop_duplicates("review_id"),
                                   f"R2P Watch reviews opened or decided since {b.since}"))
    charts = tuple(key for key in CHANGE_CHARTS if key in chart_keys)
    return Section(changes_heading(b), tuple(change_lines(b)), tuple(tables), charts)
