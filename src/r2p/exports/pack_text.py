"""The pack's building blocks (sections, tables, sub-headings) and its section headings, shared by the modules
that write the sections and the layouts that print them."""

from __future__ import annotations

from dataclasses import dataclass

BOTTOM_LINE, WHAT_CHANGED, SCENARIOS, OPTIONS, DECISIONS, ENGAGEMENT, INVITEES, SOURCES = (
    "Bottom line", "What changed", "Scenarios and actors", "Options and their implications",
    "Next decision points", "Engagement", "Who should be in the room", "Sources and method")
HEADINGS: tuple[str, ...] = (BOTTOM_LINE, WHAT_CHANGED, SCENARIOS, OPTIONS, DECISIONS, ENGAGEMENT, INVITEES,
                             SOURCES)
DRAFT = "DRAFT — not approved"


class Subheading(str):
    """A line the layouts print as a small bold heading inside a section."""

    __slots__ = ()


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
