"""The shared sidebar: who is signed in, the view selectors, and which data is shown: each source's releases and
as-of date."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from r2p.ui import cache
from r2p.ui.banner import format_date
from r2p.ui.sign_in import render_sign_in
from r2p.ui.state import options, set_view, view

_KEYS = {"country": "sidebar_country", "indicator": "sidebar_indicator", "period": "sidebar_period"}
NO_DATA = ("No indicator data is loaded yet. Load data with `r2p ingest SOURCE FILE` (`r2p ingest --help` lists the "
           "sources), or `r2p init --demo` for demo data.")
EARLIER_SHOWN = 2  # older releases named per source; the rest are counted (the sidebar is on every page)


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
    # The view is the truth: the widgets show it, and report a change through their callbacks.
    st.session_state[_KEYS["country"]] = current.country
    st.selectbox("Country", list(countries), key=_KEYS["country"], on_change=_changed, args=("country",),
                 format_func=lambda code: f"{countries[code]} ({code})")
    if not indicators:  # a new warehouse before any ingest: nothing to pick
        st.info(NO_DATA)
        return
    first, last = choices.span(current.indicator)
    st.session_state[_KEYS["indicator"]] = current.indicator
    st.session_state[_KEYS["period"]] = current.period
    st.selectbox("Indicator", list(indicators), key=_KEYS["indicator"], on_change=_changed, args=("indicator",),
                 format_func=indicators.__getitem__)
    st.select_slider("Year", options=list(range(first, last + 1)), key=_KEYS["period"], on_change=_changed,
                     args=("period",))


def _changed(part: str) -> None:
    set_view(**{part: st.session_state[_KEYS[part]]})


def _data_as_of() -> None:
    st.markdown("**Data shown**")
    sources, releases = cache.data_sources(), cache.releases_held()
    if sources.empty:
        st.caption("None yet.")
    for row in sources.itertuples():
        demo = " — **DEMO**" if row.is_demo else ""
        held = release_note(releases[releases["source_id"] == row.source_id])
        st.caption(f"{row.name}{demo}: {held}as of {format_date(row.as_of)} · loaded {str(row.last_load)[:16]} UTC")


def release_note(held: pd.DataFrame) -> str:
    """One source's releases in a few words, newest first: the one(s) in force, then at most EARLIER_SHOWN older
    ones (vintages) and how many more; "" for a source with none (demo data)."""
    def name(release: object) -> str:
        return "release unknown" if pd.isna(release) else str(release)  # type: ignore[call-overload]

    in_force = [name(release) for release in held.loc[held["in_force"], "release"]]
    earlier = [name(release) for release in held.loc[~held["in_force"], "release"]]
    if not in_force and not earlier:
        return ""
    note = ", ".join(in_force or ["no release in force"])
    if earlier:
        more = len(earlier) - EARLIER_SHOWN
        note += f" (earlier: {', '.join(earlier[:EARLIER_SHOWN])}{f' and {more} more' if more > 0 else ''})"
    return f"{note} · "
