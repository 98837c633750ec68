"""The Country page's events: the chosen country's located events in the 12 months to its last event in the
chosen year (or before), on an offline map, with the source line of the load those events came from."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from r2p import geo
from r2p.figures.event_map import event_deck, event_summary, event_table, outlines_near, violence_legend
from r2p.provenance import of_values
from r2p.ui import cache
from r2p.ui.banner import format_date, provenance_caption
from r2p.ui.plain import plain_markdown


def show_recent_events(iso3: str, name: str, period: int, is_demo: bool) -> None:
    """Heading, map, legend and provenance; a plain sentence where no event is held for the country."""
    last = cache.last_country_event(iso3, period)["last_date"].iloc[0]
    if pd.isna(last):
        st.subheader(f"Events up to {period}")
        st.info(f"No events are held for {name} up to the end of {period}.")
        return
    until = pd.Timestamp(last).date()
    events = cache.country_events(iso3, until)
    st.subheader(f"Events in {name} in the 12 months to {format_date(until)}")
    if until.year < period:
        st.caption(f"The latest event held for {name} up to {period} is from {format_date(until)}.")
    if events.empty:
        st.info(f"No located events are held for {name} in the 12 months to {format_date(until)}.")
        return
    st.pydeck_chart(event_deck(events, outlines_near(geo.load_country_shapes(), iso3), iso3), key="country_events")
    st.markdown(violence_legend(), unsafe_allow_html=True)
    table = event_table(events)  # WCAG 1.1.1: the map in words, and every event in a table
    st.caption(plain_markdown(event_summary(table, name)))
    # NOTE: drawn only once opened (opening reruns the page); a grid, not st.table: a busy country holds tens of
    # thousands of events in 12 months
    listed = st.expander("Events as a table", key="country_events_data", on_change="rerun")
    if listed.open:
        listed.dataframe(table, hide_index=True, key="country_events_table")
    provenance_caption(of_values(events, is_demo))
