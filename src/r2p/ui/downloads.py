"""Download buttons for charts, tables and the briefing pack (built on click), and the copyable view link."""

from __future__ import annotations

import contextlib
import dataclasses
import threading
from collections.abc import Mapping
from datetime import date
from functools import partial

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from r2p.exports import renderer
from r2p.exports.briefing import Briefing, default_since
from r2p.exports.charts import FORMATS, ChartMeta, export_figure
from r2p.exports.files import MIME_TYPES, filename
from r2p.exports.links import permalink
from r2p.exports.pack import PACK_FORMATS, make_pack, pack_filename
from r2p.exports.pack_figures import REGISTRY_SOURCE, PackChart
from r2p.exports.sections import Section
from r2p.exports.tables import TableMeta, table_csv, table_xlsx
from r2p.figures.maps import with_inline_geometry
from r2p.provenance import Provenance
from r2p.ui.cache import cached
from r2p.ui.chart_text import chart_summary, chart_table
from r2p.ui.plain import plain_markdown, plain_table
from r2p.ui.state import set_view, show_notices, view
from r2p.warehouse import Warehouse

__all__ = ["REGISTRY_SOURCE", "briefing", "briefing_preview", "chart_data_view", "chart_downloads", "cover_box",
           "pack_downloads", "pack_unavailable", "permalink_box", "prewarm_renderer", "show_chart", "since_picker",
           "table_downloads"]
EARLIEST = date(1945, 1, 1)  # the date picker's own default floor is ten years back; old links must still open
briefing = cached("briefing")  # the page's briefing, cached per warehouse version like every query


def chart_downloads(figures: go.Figure | Mapping[str, go.Figure], key: str, provenance: Provenance,
                    subtitle: str = "") -> None:
    """A "Download chart" popover: PNG, SVG and PDF of each figure, rendered on the server when clicked, with
    title, subtitle, source, as-of, tier method, DEMO and the handling marking."""
    named = figures if isinstance(figures, Mapping) else {"": figures}
    unavailable = renderer.unavailable_reason()
    with st.popover("Download chart", icon=":material/download:", key=f"{key}_chart_export",
                    help=unavailable):
        if unavailable:
            st.warning(unavailable, icon=":material/error:")  # never a button that silently does nothing
        for name, figure in named.items():
            title = figure.layout.title.text or name or key
            meta = ChartMeta(title=title, subtitle=subtitle, provenance=provenance)
            _chart_buttons(figure, meta, f"{key}_{name}" if name else key, name,
                           disabled=renderer.missing_browser() is not None)


def show_chart(figure: go.Figure, key: str, provenance: Provenance, subtitle: str = "",
               config: dict | None = None, table: pd.DataFrame | None = None) -> None:
    """`st.plotly_chart`, its text alternative (a summary and the data as a table) and its download popover in
    one call (a page swaps one line for the other). `table`: the figure's chart_table, when already made."""
    st.plotly_chart(figure, width="stretch", key=key, config=config or {"displaylogo": False})
    chart_data_view(figure, key, table)
    chart_downloads(figure, key, provenance, subtitle)


def chart_data_view(figure: go.Figure, key: str, table: pd.DataFrame | None = None) -> None:
    """WCAG 1.1.1: what the chart shows, in words, and every value it plots in a table a screen reader can read
    (`table`: chart_table(figure), when the caller holds it already)."""
    table = chart_table(figure) if table is None else table
    st.caption(plain_markdown(chart_summary(figure, table)))
    if not table.empty:
        # NOTE: the table is drawn only once opened (opening reruns the page): a closed expander still draws its
        # content, and hundreds of table cells cost the browser more than the chart they describe.
        data = st.expander("Chart data as a table", key=f"{key}_data", on_change="rerun")
        if data.open:
            data.table(plain_table(table), hide_index=True, alt=f"The data of {figure.layout.title.text or key}")


def _chart_buttons(figure: go.Figure, meta: ChartMeta, key: str, name: str, disabled: bool = False) -> None:
    stem = f"r2p-{meta.title}-{name}" if name else f"r2p-{meta.title}"
    for fmt in FORMATS:
        st.download_button(f"{name} {fmt.upper()}".strip(), data=partial(_export, figure, meta, fmt),
                           file_name=filename(stem, fmt, meta.provenance.is_demo), mime=MIME_TYPES[fmt],
                           on_click="ignore", key=f"{key}_{fmt}", width="stretch", disabled=disabled)


def pack_unavailable() -> bool:
    """Says at the pack buttons why no pack can be built (its charts need Chromium); True when none can be."""
    missing = renderer.missing_browser()
    if missing:
        st.warning(f"The briefing pack cannot be built on this server. {missing}", icon=":material/error:")
    elif failure := renderer.unavailable_reason():
        st.warning(f"The last attempt to start the chart renderer failed; a pack may fail too. {failure}",
                   icon=":material/error:")
    return missing is not None


def _export(figure: go.Figure, meta: ChartMeta, fmt: str) -> bytes:
    return export_figure(with_inline_geometry(figure), meta, fmt)


def table_downloads(frame: pd.DataFrame, key: str, title: str, provenance: Provenance,
                    filters: Mapping[str, object] | object = None) -> None:
    """CSV and XLSX of exactly the frame shown. The CSV is pure data (DEMO is in its name); the XLSX adds an
    "About" sheet with title, sources, as-of, method, filters, marking and DEMO."""
    if dataclasses.is_dataclass(filters) and not isinstance(filters, type):
        filters = dataclasses.asdict(filters)
    meta = TableMeta(title=title, provenance=provenance, filters=dict(filters or {}))
    stem = f"r2p-{title}"
    with st.popover("Download table", icon=":material/download:", key=f"{key}_table_export"):
        st.download_button("CSV", data=partial(table_csv, frame), file_name=filename(stem, "csv", provenance.is_demo),
                           mime=MIME_TYPES["csv"], on_click="ignore", key=f"{key}_csv", width="stretch")
        st.download_button("XLSX (with an About sheet)", data=partial(table_xlsx, frame, meta),
                           file_name=filename(stem, "xlsx", provenance.is_demo), mime=MIME_TYPES["xlsx"],
                           on_click="ignore", key=f"{key}_xlsx", width="stretch")


def permalink_box(page_path: str) -> str:
    """The link to this view (the URL's country, period, indicator and the page's keys) in a copyable box."""
    link = permalink(st.context.url, page_path, view())
    st.caption("Link to this view (copy it with the button at its right):")
    st.code(link, language=None, wrap_lines=True)
    return link


def since_picker(today: date) -> date:
    """The "changes since" date: the view's (the link's `since`, else a year ago); ui/state.py keeps the link."""
    show_notices("since")
    if view().since is None:
        set_view(since=default_since(today))
    st.session_state["meeting_since"] = min(max(view().since, EARLIEST), today)
    st.date_input("What changed since", key="meeting_since", min_value=EARLIEST, max_value=today,
                  on_change=_store_since, help="Tier moves, events, engagements and reviews from this date to today.")
    chosen: date = st.session_state["meeting_since"]
    if chosen != view().since:
        set_view(since=chosen)
    return chosen


def _store_since() -> None:
    set_view(since=st.session_state["meeting_since"])


def pack_downloads(location: str, brief: Briefing, link: str) -> None:
    """One button per format; the pack is built when clicked (measured here: 3-4 s, 7-8 s on the first export)."""
    columns = st.columns(len(PACK_FORMATS))
    for column, fmt in zip(columns, PACK_FORMATS, strict=True):
        build = partial(_pack_bytes, location, brief.iso3, fmt, brief.since, brief.method.label, brief.today, link)
        column.download_button(f"Briefing pack ({fmt.upper()})", data=build, file_name=pack_filename(brief, fmt),
                               mime=MIME_TYPES[fmt], on_click="ignore", type="primary", key=f"meeting_pack_{fmt}",
                               icon=":material/download:", width="stretch")


def _pack_bytes(location: str, iso3: str, fmt: str, since: date, method_label: str, today: date, link: str) -> bytes:
    return make_pack(Warehouse(location), iso3, fmt, since, method_label, today, link).data


def cover_box(lines: tuple[str, ...]) -> None:
    """The pack's cover lines; the DEMO line in red."""
    st.markdown("\n\n".join(f":red[**{_escaped(line)}**]" if line.startswith("DEMO") else _escaped(line)
                              for line in lines))


def briefing_preview(sections: tuple[Section, ...], charts: tuple[PackChart, ...],
                     tables: Mapping[str, pd.DataFrame] | None = None) -> None:
    """The pack's sections as the page shows them: the same words, tables and figures, each chart exportable
    (`tables`: each chart's chart_table by key, when already made)."""
    by_key = {chart.key: chart for chart in charts}
    for section in sections:
        st.subheader(section.heading)
        st.markdown("\n".join(f"- {_escaped(line)}" for line in section.lines))
        for key in section.charts:
            meta = by_key[key].meta
            show_chart(by_key[key].figure, f"meeting_{key}", meta.provenance, meta.subtitle,
                       table=(tables or {}).get(key))
        for table in section.tables:
            if table.caption:
                st.markdown(f"**{_escaped(table.caption)}**")
            # NOTE: st.table wraps long cells as the pack prints them; a dataframe cut them off at the right,
            # so two suggested invitees whose reasons differ only at the end read the same.
            st.table(plain_table(pd.DataFrame(list(table.rows), columns=list(table.columns))), hide_index=True)


def prewarm_renderer() -> None:
    """Start the chart renderer in the background, so the first download does not wait for Chromium."""
    if not renderer.is_running():
        threading.Thread(target=_quiet_warm_up, name="r2p-renderer-warm-up", daemon=True).start()


def _quiet_warm_up() -> None:
    with contextlib.suppress(renderer.RenderError):  # a download reports the problem when clicked
        renderer.warm_up()


def _escaped(text: str) -> str:
    """Plain text shown through Markdown (registry titles and names come from imports)."""
    # NOTE: all ASCII punctuation, not only Markdown's own: an unescaped "http://…)" became a link eating "\)".
    return plain_markdown(text)
