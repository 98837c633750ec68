"""Meeting prep's preview of the pack: its charts, sections and chart tables, built once per briefing and kept.

NOTE: building the pack's figures (the event map's dots, Plotly's validation of every trace) took most of a
warm rerun of the page, though a rerun of the same view rebuilds them identically: they are kept (cache.built)
per warehouse version and briefing, and handed out as they are, never changed by the page.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

import pandas as pd

from r2p.exports.pack_figures import PackChart, briefing_charts
from r2p.exports.sections import Section, pack_sections
from r2p.ui import cache
from r2p.ui.chart_text import chart_table


@dataclass(frozen=True, eq=False)
class Preview:
    charts: tuple[PackChart, ...]
    sections: tuple[Section, ...]
    tables: dict[str, pd.DataFrame]  # chart key -> every value it plots (its text alternative)


def preview(iso3: str, since: date, method_label: str, today: date, generated_at: datetime) -> Preview:
    """The preview of the briefing `cache.briefing(iso3, since, method_label, today)`, made at `generated_at`.

    NOTE: `generated_at` names the very briefing the page shows: when the data cache is cleared and the briefing
    read again, the preview is built again from it (its charts carry the time it was generated)."""
    return cache.built(_build, iso3, since, method_label, today, generated_at)


def _build(iso3: str, since: date, method_label: str, today: date, generated_at: datetime) -> Preview:
    brief = cache.briefing(iso3, since, method_label, today)
    charts = briefing_charts(brief)
    sections = pack_sections(brief, tuple(chart.key for chart in charts))
    return Preview(charts, sections, {chart.key: chart_table(chart.figure) for chart in charts})
