"""The shared sidebar: who is signed in, the view selectors, and which data is shown with its as-of date."""

from __future__ import annotations

import streamlit as st

from r2p.ui import cache
from r2p.ui.banner import format_date
from r2p.ui.sign_in import render_sign_in
from r2p.ui.state import options, set_view, view

_KEYS = {"country": "sidebar_country", "indicator": "sidebar_indicator", "period": "sidebar_period"}


def render_sidebar() -> None:
    with st.sidebar:
        render_sign_in()
        st.divider()
        _selectors()
        st.divider()
        _data_as_of()


def _selectors() -> None:
    current, choices = view(), options()
    countries = dict(zip(choices.countries["iso3"], choices.countries["name"], strict=True))
    indicators = dict(zip(choices.indicators["indicator_id"], choices.indicators["name"], strict=True))
    first, last = choices.span(current.indicator)
    # The view is the truth: the widgets show it, and report a change through their callbacks.
    st.session_state[_KEYS["country"]] = current.country
    st.session_state[_KEYS["indicator"]] = current.indicator
    st.session_state[_KEYS["period"]] = current.period
    st.selectbox("Country", list(countries), key=_KEYS["country"], on_change=_changed, args=("country",),
                 format_func=lambda code: f"{countries[code]} ({code})")
    st.selectbox("Indicator", list(indicators), key=_KEYS["indicator"], on_change=_changed, args=("indicator",),
                 format_func=indicators.__getitem__)
    st.select_slider("Year", options=list(range(first, last + 1)), key=_KEYS["period"], on_change=_changed,
                     args=("period",))


def _changed(part: str) -> None:
    set_view(**{part: st.session_state[_KEYS[part]]})


def _data_as_of() -> None:
    st.markdown("**Data shown**")
    for row in cache.data_sources().itertuples():
        demo = " — **DEMO**" if row.is_demo else ""
        st.caption(f"{row.name}{demo}: as of {format_date(row.as_of)} · loaded {str(row.last_load)[:16]} UTC")
