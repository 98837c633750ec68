"""Selectors for page-level parts of the view: the tier method and the Trends comparison (ui/state.py keeps the URL)."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from r2p.read.comparison import MAX_COUNTRIES, MAX_INDICATORS
from r2p.tiers.method import TierMethod, default_reason, method, methods, resolve_method
from r2p.ui import cache
from r2p.ui.state import set_view, show_notices, tier_method, view
from r2p.view import ViewState

_WIDGETS = {"method": "method_select", "countries": "compare_countries", "indicators": "compare_indicators"}


def method_selector(compact: bool = False) -> TierMethod:
    """The tier method selectbox: the session's choice, else the link's `method`, else R2P_TIER_METHOD. Opened on
    the default, it says why: in a caption, or (compact, where the first screen is short of room) in a one-line
    caption with the full reason in the selectbox's help."""
    chosen = tier_method()
    default = resolve_method(None, scored=cache.scored_methods())[0]
    reason = default_reason(default) if chosen == default else ""
    st.session_state[_WIDGETS["method"]] = chosen.label  # the view is the truth; the widget shows it
    st.selectbox("Tier method", [m.label for m in methods()], key=_WIDGETS["method"], on_change=_store,
                 args=("method",), format_func=lambda label: f"{method(label).name} ({label})",
                 help="Every tier shown names the method version that assigned it. Default: R2P_TIER_METHOD."
                      + (f"\n\n{reason}" if compact and reason else ""))
    if reason:
        st.caption(f"Opened on {default.label}, the default (the help mark says why)." if compact else reason)
    return chosen


def comparison_selector(countries: pd.DataFrame, indicators: pd.DataFrame, current: ViewState) -> tuple[list, list]:
    """Country and indicator multiselects for Trends, from the link (`countries=SDN,MMR&indicators=a,b`, with a
    notice for every dropped code), else the shared view's country and indicator; kept in the view."""
    show_notices("countries", "indicators")
    if current.countries is None or current.indicators is None:
        shared_indicator = (current.indicator,) if current.indicator else ()  # "" before any data is loaded
        set_view(countries=(current.country,) if current.countries is None else current.countries,
                 indicators=shared_indicator if current.indicators is None else current.indicators)
        current = view()
    names = dict(zip(countries["iso3"], countries["name"], strict=True))
    titles = dict(zip(indicators["indicator_id"], indicators["name"], strict=True))
    st.session_state[_WIDGETS["countries"]] = list(current.countries or ())
    st.session_state[_WIDGETS["indicators"]] = list(current.indicators or ())
    left, right = st.columns(2)
    left.multiselect("Countries", list(names), key=_WIDGETS["countries"], format_func=lambda c: f"{names[c]} ({c})",
                     max_selections=MAX_COUNTRIES, on_change=_store, args=("countries",))
    right.multiselect("Indicators", list(titles), key=_WIDGETS["indicators"], format_func=titles.__getitem__,
                      max_selections=MAX_INDICATORS, on_change=_store, args=("indicators",))
    return list(current.countries or ()), list(current.indicators or ())


def _store(part: str) -> None:
    chosen = st.session_state[_WIDGETS[part]]
    set_view(**{part: chosen if isinstance(chosen, str) else tuple(chosen)})
