"""Page selections kept beside the shared view and in the link: the tier method, and the Trends comparison."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from r2p.config import setting
from r2p.link_params import listed, parse_codes, resolve_method
from r2p.read.comparison import MAX_COUNTRIES, MAX_INDICATORS
from r2p.tiers.method import TierMethod, method, methods
from r2p.ui.plain import plain_markdown
from r2p.view import ViewState

# Non-widget keys: they survive moving to a page that does not draw the widgets (see ui/state.py).
_METHOD = "r2p_method"
_COMPARISON = "r2p_comparison"
_WIDGETS = {"method": "method_select", "countries": "compare_countries", "indicators": "compare_indicators"}


def method_selector() -> TierMethod:
    """The tier method selectbox: the session's choice, else the link's `method`, else R2P_TIER_METHOD."""
    if _METHOD not in st.session_state:
        label, notices = resolve_method(st.query_params.get("method"), setting("tier_method"))
        st.session_state[_METHOD] = label
        for notice in notices:
            st.warning(plain_markdown(notice))  # it quotes the link, which may hold anything
    labels = [m.label for m in methods()]
    st.session_state[_WIDGETS["method"]] = st.session_state[_METHOD]
    st.selectbox("Tier method", labels, key=_WIDGETS["method"], on_change=_store, args=("method", _METHOD),
                 format_func=lambda label: f"{method(label).name} ({label})",
                 help="Every tier shown names the method version that assigned it. Default: R2P_TIER_METHOD.")
    _write_link({"method": st.session_state[_METHOD]})
    return method(st.session_state[_METHOD])


def comparison_selector(countries: pd.DataFrame, indicators: pd.DataFrame, current: ViewState) -> tuple[list, list]:
    """Country and indicator multiselects for Trends, read once from the link (`countries=SDN,MMR&indicators=a,b`)
    with a notice for every dropped code, then kept in the session and written back to the link."""
    names = dict(zip(countries["iso3"], countries["name"], strict=True))
    titles = dict(zip(indicators["indicator_id"], indicators["name"], strict=True))
    if _COMPARISON not in st.session_state:
        st.session_state[_COMPARISON] = _from_link(list(names), list(titles), current)
    chosen = st.session_state[_COMPARISON]
    st.session_state[_WIDGETS["countries"]] = chosen["countries"]
    st.session_state[_WIDGETS["indicators"]] = chosen["indicators"]
    left, right = st.columns(2)
    left.multiselect("Countries", list(names), key=_WIDGETS["countries"], format_func=lambda c: f"{names[c]} ({c})",
                     max_selections=MAX_COUNTRIES, on_change=_store_comparison, args=("countries",))
    right.multiselect("Indicators", list(titles), key=_WIDGETS["indicators"], format_func=titles.__getitem__,
                      max_selections=MAX_INDICATORS, on_change=_store_comparison, args=("indicators",))
    _write_link({"countries": ",".join(chosen["countries"]), "indicators": ",".join(chosen["indicators"])})
    return list(chosen["countries"]), list(chosen["indicators"])


def _from_link(country_codes: list[str], indicator_ids: list[str], current: ViewState) -> dict[str, list[str]]:
    """The link's selection; missing or fully invalid parts fall back to the shared view's country/indicator."""
    countries, bad_countries = parse_codes(_link_value("countries"), country_codes, MAX_COUNTRIES, upper=True)
    chosen_ids, bad_ids = parse_codes(_link_value("indicators"), indicator_ids, MAX_INDICATORS)
    if bad_countries:
        st.warning(plain_markdown(f"Country code(s) {listed(bad_countries)} in the link are unknown (or too many, "
                                  f"at most {MAX_COUNTRIES}); dropped."))
    if bad_ids:
        st.warning(plain_markdown(f"Indicator(s) {listed(bad_ids)} in the link are unknown (or too many, at most "
                                  f"{MAX_INDICATORS}); dropped."))
    return {"countries": countries or [current.country], "indicators": chosen_ids or [current.indicator]}


def _link_value(key: str) -> str | None:
    values = st.query_params.get_all(key)
    return ",".join(values) if values else None


def _store(part: str, target: str) -> None:
    st.session_state[target] = st.session_state[_WIDGETS[part]]


def _store_comparison(part: str) -> None:
    st.session_state[_COMPARISON] = {**st.session_state[_COMPARISON], part: list(st.session_state[_WIDGETS[part]])}


def _write_link(values: dict[str, str]) -> None:
    # NOTE: the router rewrites country/period/indicator each run and keeps other keys (ui/state.py _write_url).
    for key, value in values.items():
        if st.query_params.get(key) != value:
            st.query_params[key] = value
