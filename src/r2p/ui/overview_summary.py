"""The Overview's summary strip: countries per tier, tier movers, reviews waiting, high-risk situations with
nobody engaged, and the data's as-of date — one row a senior official reads before anything else."""

from __future__ import annotations

import html

import streamlit as st

from r2p.figures.tier_style import TIER_COLOURS, tier_cell_style
from r2p.read.overview import Summary
from r2p.ui.banner import format_date

MAP_HEIGHT = 400  # px: with the strip above it, the map and the top-risk list fit a 1440×900 screen
TOP_RISK_ROWS = 12  # the highest scores beside the map: as many rows as stand beside it at 1440×900
MAP_ZOOM = 0.1  # the whole world in the map's column (three fifths of the page) at 1440 px
OVERDUE_COLOUR = "#a50026"  # 7:1 on white
STRIP = "display:flex;flex-wrap:wrap;gap:8px;margin-bottom:8px"
CELL = "flex:{grow} 1 {basis}px;border:1px solid #d0d0d0;border-radius:6px;padding:6px 10px"
LABEL = "font-size:0.8rem;color:#444"
NUMBER = "font-size:1.6rem;font-weight:600;line-height:1.2"
NOTE = "font-size:0.8rem;color:{colour}"
CHIP = "display:inline-block;padding:1px 7px;margin:2px 4px 2px 0;border-radius:4px;font-size:0.85rem;{style}"


def show_summary(summary: Summary, method_label: str, since: int) -> None:
    """The strip as one row of cells (HTML built only from counts, dates and fixed words: nothing from data
    or users reaches it unescaped). NOTE: st.html, not Markdown with raw HTML, which loads three more scripts on a
    cold visit and parses the strip in the browser while the map loads."""
    st.html(strip_html(summary, method_label, since))


def strip_html(summary: Summary, method_label: str, since: int) -> str:
    """The strip's HTML: the tier chips, then one cell per count."""
    unengaged = "; ".join(summary.unengaged[:3]) + ("…" if len(summary.unengaged) > 3 else "")
    cells = [
        _cell(f"Countries per model tier ({method_label})", tier_chips(summary.tiers), 3, 300),
        _cell(f"Tier movers since {since}", _number(summary.movers)
              + _note(f"▲ {summary.risers} riskier · ▼ {summary.fallers} less risky")),
        _cell("Reviews waiting for a decision", _number(summary.open + summary.overdue)
              + _note(f"{summary.overdue} overdue" if summary.overdue else "none overdue",
                      OVERDUE_COLOUR if summary.overdue else "#444")),
        _cell("High risk, nobody engaged", _number(len(summary.unengaged)) + _note(unengaged or "none")),
        _cell("Data as of", _number(format_date(summary.as_of)) + _note("newest source; each below")),
    ]
    return f'<div style="{STRIP}" role="group" aria-label="Summary">{"".join(cells)}</div>'


def tier_chips(counts: dict[str, int]) -> str:
    """One chip per tier in its map colour, with its count."""
    return "".join(f'<span style="{CHIP.format(style=tier_cell_style(tier))}">{html.escape(tier)} <b>{count}</b>'
                   "</span>" for tier, count in counts.items() if tier in TIER_COLOURS)


def _cell(label: str, body: str, grow: int = 1, basis: int = 120) -> str:
    return (f'<div style="{CELL.format(grow=grow, basis=basis)}"><div style="{LABEL}">{html.escape(label)}</div>'
            f"{body}</div>")


def _number(value: object) -> str:
    return f'<div style="{NUMBER}">{html.escape(str(value))}</div>'


def _note(text: str, colour: str = "#444") -> str:
    return f'<div style="{NOTE.format(colour=colour)}">{html.escape(text)}</div>'
