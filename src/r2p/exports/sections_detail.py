"""The pack's detail sections after "What changed": scenarios and actors, options, the next decision points,
engagement, who should be in the room, and sources and method. Nothing here invents content: where the convening
tools hold nothing, the section says so."""

from __future__ import annotations

from urllib.parse import urlparse

import pandas as pd

from r2p.convening.options import Option, SelectedOption
from r2p.engagement.dates import format_partial_date
from r2p.engagement.seed import SEED_SOURCE
from r2p.exports.briefing import Briefing
from r2p.exports.labels import format_as_of
from r2p.exports.method_words import method_in_words
from r2p.exports.pack_text import (
    DECISIONS,
    ENGAGEMENT,
    INVITEES,
    OPTIONS,
    SCENARIOS,
    SOURCES,
    Section,
    Subheading,
    Table,
)
from r2p.vocabulary import actor_kind_label

UNVERIFIED = "unverified (no source)"
WORKSHEET_LISTS = (("groups_at_risk", "Groups at risk"), ("risk_factors", "Risk factors"),
                   ("resilience_factors", "Resilience (mitigating) factors"),
                   ("triggers", "Possible triggers and accelerants"), ("scenarios", "Plausible scenarios"),
                   ("developments", "Key developments to monitor"))


def scenarios_section(b: Briefing) -> Section:
    sheet = b.convening.worksheet
    if sheet is None or sheet.is_empty():
        return Section(SCENARIOS, (f"No worksheet has been filled in for {b.name}: potential perpetrators, groups "
                                   "at risk, risk and resilience factors, triggers and scenarios are not recorded.",))
    lines: list[str] = [f"Worksheet version {sheet.version}, edited by {sheet.edited_by} on "
                        f"{format_as_of(sheet.edited_at)} (UN Framework of Analysis for Atrocity Crimes)."]
    for field, title in WORKSHEET_LISTS:
        items = tuple(getattr(sheet, field))
        lines += [Subheading(title), *(items or ("None recorded.",))]
    perpetrators = tuple((p.name, p.motive, p.means, p.opportunity) for p in sheet.perpetrators)
    tables = (Table(("Potential perpetrator", "Motive", "Means", "Opportunity"), perpetrators, (2, 3, 3, 3)),) \
        if perpetrators else ()
    return Section(SCENARIOS, tuple(lines), tables)


def options_section(b: Briefing) -> Section:
    selected, pairs = b.convening.options, b.convening.opposing
    if not selected:
        return Section(OPTIONS, (f"No options have been selected for {b.name} yet: an editor selects them from the "
                                 "options library and annotates them.",))
    lines = ["Options that pull in opposite directions stand side by side, so the meeting weighs alternatives."
             if pairs else "None of the selected options pull in opposite directions."]
    tables = [_pair_table(first, second) for first, second in pairs]
    paired = {id(choice) for pair in pairs for choice in pair}
    rest = [choice for choice in selected if id(choice) not in paired]
    if rest:
        tables.append(Table(("Option", "Who holds the lever", "Implications", "Risks"), tuple(
            (_option_name(c), _levers(c.option), _joined(c.option.implications), _joined(c.option.risks))
            for c in rest), (2, 2, 3, 3), "Other selected options"))
    return Section(OPTIONS, tuple(lines), tuple(tables))


def _pair_table(first: SelectedOption, second: SelectedOption) -> Table:
    rows = [("Direction", str(first.option.direction), str(second.option.direction)),
            ("Who holds the lever", _levers(first.option), _levers(second.option)),
            ("Preconditions", _joined(first.option.preconditions), _joined(second.option.preconditions)),
            ("Implications", _joined(first.option.implications), _joined(second.option.implications)),
            ("Risks", _joined(first.option.risks), _joined(second.option.risks)),
            ("Precedents", _precedents(first.option), _precedents(second.option)),
            ("Annotation", str(first.annotation or "—"), str(second.annotation or "—"))]
    return Table(("", _option_name(first), _option_name(second)), tuple(rows), (1.4, 3, 3))


def no_decision_point(b: Briefing) -> str:
    """Why no decision point is listed: none after today is held (past ones may be), and no renewal is assumed."""
    return (f"No UN decision point after {format_as_of(b.today)} is recorded for {b.name}: the calendar holds only "
            "dates set by a cited resolution or announcement, and a renewal adopted since is not assumed.")


def decisions_section(b: Briefing) -> Section:
    points = b.convening.decision_points
    lines = [] if points else [no_decision_point(b)]
    tables = [Table(("Date", "Decision", "Kind", "Source"), tuple(
        (format_as_of(p.date), f"{p.title} — {p.body}", p.kind_label, _source(p.source_url))
        for p in points), (1.1, 5, 1.4, 2), "UN decision calendar")] if points else []
    if len(b.pending):
        tables.append(review_table(b.pending, "R2P Watch reviews waiting for a decision (act, do not act, or defer)"))
    else:
        lines.append(f"No R2P Watch review is waiting for a decision on {b.name}.")
    return Section(DECISIONS, tuple(lines), tuple(tables))


def engagement_section(b: Briefing, chart_keys: tuple[str, ...]) -> Section:
    s = b.situation
    lines = [f"Situation: {s.name} · highest model tier among its countries: {s.tier}. "
             f"Engagements active on {b.today}: {len(s.engaged)} on {', '.join(s.rows['name'])}."]
    if not s.registered:
        lines.append(f"No situation in the engagement registry covers {b.name}: nobody is recorded as engaged. "
                     "Invitees follow the regional-body and Special Adviser rules only.")
    unsourced = int((~_sourced(s.engaged)).sum())
    if unsourced:
        lines.append(f"{unsourced} of these engagements have no source and are marked unverified.")
    lines.append(f"Registry: {SEED_SOURCE}")
    rows = tuple((r.label, f"{r.kind_label}: {r.title}", str(r.situation),
                  format_partial_date(r.started, r.started_precision) or "?",
                  _source(r.source_url) if sourced else UNVERIFIED)
                 for r, sourced in zip(s.engaged.sort_values(["situation", "label"]).itertuples(),
                                       _sourced(s.engaged.sort_values(["situation", "label"])), strict=True))
    tables = (Table(("Actor", "Engagement", "Situation", "Since", "Source"), rows, (1.6, 4, 1.6, 1, 1.8)),) \
        if rows else ()
    return Section(ENGAGEMENT, tuple(lines), tables, ("engagement",) if "engagement" in chart_keys else ())


def invitees_section(b: Briefing) -> Section:
    if b.invitees.empty:
        return Section(INVITEES, ("No invitees are suggested: no rule applies on this date.",))
    rows = tuple((r.name, actor_kind_label(r.kind) if isinstance(r.kind, str) else "", r.reason)
                 for r in b.invitees.itertuples())
    return Section(INVITEES, (f"{len(rows)} suggested as of {b.today}, each with the rule that suggests it.",),
                   (Table(("Invitee", "Kind", "Why"), rows, (3, 2, 5)),))


def sources_section(b: Briefing) -> Section:
    rows = tuple((r.name + (" (DEMO)" if r.is_demo else ""), str(r.publisher or ""), format_as_of(r.as_of),
                  str(r.last_load)[:16], str(r.citation or "")) for r in b.sources.itertuples())
    table = Table(("Source", "Publisher", "Data as of", "Loaded (UTC)", "Citation"), rows, (2, 2, 1.2, 1.5, 4))
    return Section(SOURCES, method_in_words(b.method), (table,))


def review_table(reviews: pd.DataFrame, caption: str) -> Table:
    rows = tuple((f"#{int(r.review_id)}", str(r.state), format_as_of(r.opened_at), format_as_of(r.due_date),
                  str(r.decision) if isinstance(r.decision, str) else "—", str(r.evidence))
                 for r in reviews.itertuples())
    return Table(("Review", "State", "Opened", "Due", "Decision", "Evidence"), rows, (0.8, 1, 1.2, 1.2, 1, 5),
                 caption)


def _sourced(engaged: pd.DataFrame) -> pd.Series:
    if "sourced" in engaged:
        return engaged["sourced"].astype(bool)
    return engaged["source_url"].fillna("").astype(str).str.strip().ne("")


def _source(url: object) -> str:
    """The source's site (the full address is in the registry), or 'unverified (no source)'."""
    text = str(url or "").strip()
    return (urlparse(text).netloc or text) if text else UNVERIFIED


def _option_name(choice: SelectedOption) -> str:
    return str(choice.option.name)


def _levers(option: Option) -> str:
    return _joined(option.levers or option.lever_ids)


def _joined(items: tuple[str, ...] | None) -> str:
    values = [str(item) for item in (items or ())]
    return "; ".join(values) if values else "—"


def _precedents(option: Option) -> str:
    return "; ".join(f"{p.text} ({_source(p.source_url)})" for p in option.precedents) or "—"
