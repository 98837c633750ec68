"""The shared sidebar: the view selectors, and which data is shown with its as-of date."""

from __future__ import annotations

import streamlit as st

from r2p.ui import cache
from r2p.ui.state import options, set_view, view


def render_sidebar() -> None:
    with st.sidebar:
        _selectors()
        st.divider()
        _data_as_of()


def _selectors() -> None:
    current, choices = view(), options()
    countries = dict(zip(choices.countries["iso3"], choices.countries["name"], strict=True))
    indicators = dict(zip(choices.indicators["indicator_id"], choices.indicators["name"], strict=True))
    iso3 = st.selectbox("Country", list(countries), index=list(countries).index(current.country),
                        format_func=lambda code: f"{countries[code]} ({code})")
    indicator = st.selectbox("Indicator", list(indicators), index=list(indicators).index(current.indicator),
                             format_func=indicators.__getitem__)
    first, last = choices.span(indicator)
    period = current.period if first <= current.period <= last else last
    period = st.select_slider("Year", options=list(range(first, last + 1)), value=period)
    if (iso3, indicator, period) != (current.country, current.indicator, current.period):
        set_view(country=iso3, indicator=indicator, period=period)
        st.rerun()


def _data_as_of() -> None:
    st.markdown("**Data shown**")
    for row in cache.data_sources().itertuples():
        demo = " — **DEMO**" if row.is_demo else ""
        st.caption(f"{row.name}{demo}: as of {row.as_of or 'unknown'} · loaded {str(row.last_load)[:16]}")
