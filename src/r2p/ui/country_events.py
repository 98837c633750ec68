"""The Country page's events: the chosen country's located events in the 12 months to its last event in the
chosen year (or before), on an offline map, with the source line of the load those events came from."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from r2p import geo
from r2p.figures.event_charts import static_event_map
from r2p.figures.event_map import event_map, event_summary, event_table, outlines_near, violence_legend
from r2p.provenance import Provenance, of_values
from r2p.read.profile import EVENT_WINDOW_MONTHS
from r2p.ui import cache
from r2p.ui.banner import format_date, provenance_caption
from r2p.ui.downloads import chart_downloads
from r2p.ui.plain import plain_markdown

MAP_KEY = "country_events"


@dataclass(frozen=True)
class EventView:
    """What the section shows of one country's 12 months of events, built once per warehouse version."""

    count: int
    figure: go.Figure  # on screen: MapLibre, as the Overview's map
    printable: go.Figure  # the download: plain shapes and dots, as the briefing pack prints it
    table: pd.DataFrame  # every event, newest first (the map's text alternative)
    summary: str
    provenance: Provenance


def show_recent_events(iso3: str, name: str, period: int, is_demo: bool) -> None:
    """Heading, map, legend and provenance; a plain sentence where no event is held for the country."""
    last = cache.last_country_event(iso3, period)["last_date"].iloc[0]
    if pd.isna(last):
        st.subheader(f"Events up to {period}")
        st.info(f"No events are held for {name} up to the end of {period}.")
        return
    until = pd.Timestamp(last).date()
    shown: EventView = cache.built(event_view, iso3, name, until, is_demo)
    st.subheader(f"Events in {name} in the {EVENT_WINDOW_MONTHS} months to {format_date(until)}")
    if until.year < period:
        st.caption(f"The latest event held for {name} up to {period} is from {format_date(until)}.")
    if not shown.count:
        st.info(f"No located events are held for {name} in the {EVENT_WINDOW_MONTHS} months to {format_date(until)}.")
        return
    st.plotly_chart(shown.figure, width="stretch", key=MAP_KEY, config={"displaylogo": False})
    st.markdown(violence_legend(), unsafe_allow_html=True)
    st.caption(plain_markdown(shown.summary))  # WCAG 1.1.1: the map in words, and every event in a table
    # NOTE: drawn only once opened (opening reruns the page); a grid, not st.table: a busy country holds tens of
    # thousands of events in 12 months
    listed = st.expander("Events as a table", key="country_events_data", on_change="rerun")
    if listed.open:
        listed.dataframe(shown.table, hide_index=True, key="country_events_table")
    chart_downloads(shown.printable, MAP_KEY, shown.provenance)
    provenance_caption(shown.provenance)


def event_view(iso3: str, name: str, until: date, is_demo: bool) -> EventView:
    """The map, its printable twin, its table and sentence, and its source line, from the cached events and the
    map's dots (the events merged as the briefing's map merges them)."""
    events, dots = cache.country_events(iso3, until), cache.country_event_dots(iso3, until)
    table = event_table(events)
    outlines = outlines_near(geo.load_country_shapes(), iso3)
    title = f"Events located in {name}, {format_date(events['event_date'].min())} to {format_date(until)}"
    return EventView(len(events), event_map(dots, outlines, iso3),
                     static_event_map(dots, outlines, iso3, title + (" — DEMO" if is_demo else "")),
                     table, event_summary(table, name), of_values(events, is_demo))
