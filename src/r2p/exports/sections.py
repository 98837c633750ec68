"""The briefing pack as plain sections (headings, lines, tables, chart keys): the PDF, the PPTX and the page's
preview print the same words from here."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from r2p.engagement.dates import format_partial_date
from r2p.engagement.seed import SEED_SOURCE
from r2p.exports.briefing import Briefing
from r2p.exports.labels import DEMO_NOTE, format_as_of, stamp
from r2p.vocabulary import actor_kind_label

SNAPSHOT, ENGAGEMENT, INVITEES, REVIEWS, SOURCES = (
    "Risk snapshot", "Engagement map", "Suggested invitees", "Open reviews and decisions needed", "Sources and method")


def changes_heading(briefing: Briefing) -> str:
    return f"What changed since {briefing.since}"


@dataclass(frozen=True)
class Table:
    columns: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    widths: tuple[float, ...]  # relative column widths
    caption: str = ""


@dataclass(frozen=True)
class Section:
    heading: str
    lines: tuple[str, ...] = ()
    tables: tuple[Table, ...] = ()
    charts: tuple[str, ...] = ()  # keys of r2p.exports.pack_figures charts


def cover_lines(briefing: Briefing, link: str | None = None) -> tuple[str, ...]:
    """Situation, date, marking and DEMO, for the cover page or title slide."""
    snap = briefing.snapshot
    lines = [f"Prepared {briefing.today} · what changed since {briefing.since}",
             f"Handling marking: {briefing.marking}"]
    lines += [DEMO_NOTE] if briefing.is_demo else []
    lines += [f"Model tier ({briefing.method.label}, {snap.period or 'not scored'}): {snap.model_tier} · "
              f"assessed tier (analyst): {snap.assessed_tier}",
              f"Engagement situation: {briefing.situation.name}",
              f"Generated {stamp(briefing.generated_at)} by R2P Watch"]
    return tuple(lines + ([f"Live view: {link}"] if link else []))


def pack_sections(briefing: Briefing, chart_keys: tuple[str, ...] = ()) -> tuple[Section, ...]:
    """The six sections in reading order; `chart_keys` are the charts that exist (see pack_figures)."""
    return (_snapshot(briefing, chart_keys), _changes(briefing), _engagement(briefing, chart_keys),
            _invitees(briefing), _reviews(briefing), _sources(briefing))


def _snapshot(b: Briefing, chart_keys: tuple[str, ...]) -> Section:
    snap, label = b.snapshot, b.method.label
    lines = [f"Model tier ({label}, {snap.period or 'no scored year'}): {snap.model_tier}",
             f"Assessed tier (analyst): {snap.assessed_tier}" + (f" — {snap.assessment}" if snap.assessment else ""),
             f"Score {_num(snap.score)} · reliability (coverage) {_share(snap.reliability)} · "
             f"stale share {_share(snap.stale_share)}"]
    lines += [f"Why: {snap.reason}"] if snap.reason else []
    if len(snap.parts):
        top = snap.parts.sort_values("part", ascending=False).head(3)
        lines.append(f"Largest parts of the score ({snap.parts_kind}): "
                     + "; ".join(f"{row.name} {_num(row.part)}" for row in top.itertuples()))
    return Section(SNAPSHOT, tuple(lines), charts=tuple(k for k in ("tier_history", "contributions")
                                                          if k in chart_keys))


def _changes(b: Briefing) -> Section:
    c = b.changes
    last_scored = b.snapshot.period or b.since.year
    lines = [f"Model tier moves ({b.method.label}) in scored years {b.since.year}–{last_scored}: "
             + ("none" if c.moves.empty else "; ".join(
                 f"{int(m.period)}: {m.from_tier} → {m.to_tier} (score {_num(m.from_score)} → {_num(m.to_score)})"
                 for m in c.moves.itertuples()))]
    lines += [f"Assessed tier recorded for {int(a.period)}: {a.assessed_tier} by {a.assessed_by} on "
              f"{str(a.assessed_at)[:10]}" for a in c.assessments.itertuples()]
    events = f"Events from {b.since} to {b.today}: {c.events} (deaths, best estimate: {c.deaths})."
    held = "No events are held for this country." if c.last_event is None or pd.isna(c.last_event) else \
        f"Latest event held: {format_as_of(c.last_event)}; event data as of {format_as_of(c.events_as_of)}."
    lines += [f"{events} {held}",
              f"Engagements started: {len(c.started)} · ended: {len(c.ended)} (on {_situations(b)})",
              f"Reviews opened: {len(c.opened)} · decided: {len(c.decided)}"]
    tables = []
    if len(c.started) or len(c.ended):
        rows = [("started", format_partial_date(r.started, r.started_precision), r) for r in c.started.itertuples()]
        rows += [("ended", format_partial_date(r.ended, r.ended_precision) or f"{format_as_of(r.until)} (actor "
                  "dissolved)", r) for r in c.ended.itertuples()]
        tables.append(Table(("Change", "Date", "Actor", "Situation", "Engagement"), tuple(
            (change, when, r.label, r.situation, f"{r.kind_label}: {r.title}") for change, when, r in rows),
            (1, 1.2, 1.6, 2, 5)))
    if len(c.opened) or len(c.decided):
        tables.append(_review_table(pd.concat([c.opened, c.decided]).drop_duplicates("review_id"), "Reviews"))
    return Section(changes_heading(b), tuple(lines), tuple(tables))


def _engagement(b: Briefing, chart_keys: tuple[str, ...]) -> Section:
    s = b.situation
    lines = [f"Situation: {s.name} · highest model tier among its countries: {s.tier}"]
    if not s.registered:
        lines.append(f"No situation in the engagement registry covers {b.name}: nobody is recorded as engaged. "
                     "Invitees below follow the regional-body and Special Adviser rules only.")
    lines.append(f"Engagements active on {b.today}: {len(s.engaged)} on {_situations(b)}.")
    for row in s.engaged.sort_values(["situation", "label"]).itertuples():
        since = format_partial_date(row.started, row.started_precision)
        lines.append(f"{row.label} — {row.kind_label.lower()}: {row.title} ({row.situation}, since {since or '?'})")
    lines.append(f"Registry: {SEED_SOURCE}")
    return Section(ENGAGEMENT, tuple(lines), charts=("engagement",) if "engagement" in chart_keys else ())


def _invitees(b: Briefing) -> Section:
    if b.invitees.empty:
        return Section(INVITEES, ("No invitees are suggested: no rule applies on this date.",))
    rows = tuple((r.name, actor_kind_label(r.kind) if isinstance(r.kind, str) else "", r.reason)
                 for r in b.invitees.itertuples())
    return Section(INVITEES, (f"{len(rows)} suggested as of {b.today}, each with the rule that suggests it.",),
                   (Table(("Invitee", "Kind", "Why"), rows, (3, 2, 5)),))


def _reviews(b: Briefing) -> Section:
    pending = b.pending
    if pending.empty:
        return Section(REVIEWS, (f"No review is waiting for a decision on {b.name}.",))
    overdue = int((pending["state"] == "overdue").sum())
    lines = (f"{len(pending)} review(s) wait for a decision ({overdue} overdue). Each needs one of: act, "
             "do not act, defer (with a follow-up date); `r2p decide` or the Reviews page records it.",)
    return Section(REVIEWS, lines, (_review_table(pending, "Waiting"),))


def _sources(b: Briefing) -> Section:
    m = b.method
    lines = [f"Tier method: {m.name} ({m.label}). {m.description.strip()}",
             "Tiers start at scores: " + " · ".join(f"{tier} {bound:g}" for tier, bound in m.thresholds.items()),
             f"Below {m.coverage_floor:.0%} reliability a country is Insufficient data; values older than "
             f"{m.stale_after_years} year(s) count as missing.",
             "The model tier is computed; the assessed tier is an analyst's judgement recorded beside it."]
    rows = tuple((r.name + (" (DEMO)" if r.is_demo else ""), str(r.publisher or ""), format_as_of(r.as_of),
                  str(r.last_load)[:16], str(r.citation or "")) for r in b.sources.itertuples())
    table = Table(("Source", "Publisher", "Data as of", "Loaded (UTC)", "Citation"), rows, (2, 2, 1.2, 1.5, 4))
    return Section(SOURCES, tuple(lines), (table,))


def _review_table(reviews: pd.DataFrame, caption: str) -> Table:
    rows = tuple((f"#{int(r.review_id)}", str(r.state), str(r.rule_id), format_as_of(r.opened_at),
                  format_as_of(r.due_date), str(r.decision) if isinstance(r.decision, str) else "—",
                  str(r.evidence)) for r in reviews.itertuples())
    return Table(("Review", "State", "Rule", "Opened", "Due", "Decision", "Evidence"), rows,
                 (0.8, 1, 1.6, 1.1, 1.1, 1, 4.5), caption)


def _situations(b: Briefing) -> str:
    return ", ".join(b.situation.rows["name"])


def _num(value: float | None) -> str:
    return "—" if value is None or pd.isna(value) else f"{value:.3g}"


def _share(value: float | None) -> str:
    return "—" if value is None or pd.isna(value) else f"{value:.0%}"
