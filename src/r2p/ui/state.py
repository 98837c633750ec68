"""The view (country, period, indicator, tier method, comparison, since): kept in session state, mirrored in the URL."""

from __future__ import annotations

import dataclasses
from datetime import date

import streamlit as st

from r2p.read import standings
from r2p.reviews import queue as review_queue
from r2p.tiers.method import TierMethod, resolve_method
from r2p.ui import cache
from r2p.ui.plain import plain_markdown
from r2p.view import KEYS, LIST_KEYS, Options, ViewState, default_view, resolve_view

_VIEW = "r2p_view"  # a non-widget key: it survives moving to a page that does not draw the selectors
_NOTICES = "r2p_view_notices"
SHARED = ("country", "indicator", "period", "method")  # the parts every page uses (notices in this order)


def options() -> Options:
    return Options(cache.countries()[["iso3", "name"]], cache.indicators())


def sync_view() -> ViewState:
    """The one routine keeping the view and the URL in step: the link is read on a session's first run (its
    notices kept for the page that draws each part); afterwards the session's choice wins. Then the URL."""
    choices = options()
    current = st.session_state.get(_VIEW)
    first_run = not isinstance(current, ViewState)
    params = _link() if first_run else current.as_params()
    chosen, method_notices = resolve_method(params.get("method"), scored=cache.scored_methods())
    # NOTE: with no year in the link, the view opens on the method's current period (the one door for it).
    fallback = default_view(choices, _top_country(chosen.label), cache.current_period(chosen.label))
    view_now, notices = resolve_view(params, choices, fallback)
    if first_run:
        st.session_state[_NOTICES] = notices | ({"method": method_notices} if method_notices else {})
    _keep(dataclasses.replace(view_now, method=chosen.label))
    return view()


def view() -> ViewState:
    """The current view (set by the app router before the page runs)."""
    return st.session_state[_VIEW]


def tier_method() -> TierMethod:
    """The view's tier method (the link's `method`, the session's choice, else R2P_TIER_METHOD)."""
    return resolve_method(view().method)[0]


def set_view(**changes: object) -> None:
    """Change part of the view (a widget's choice, or a page starting a part the link did not set)."""
    _keep(dataclasses.replace(view(), **changes))


def show_notices(*keys: str) -> None:
    """Tell the user once which values of their link could not be used: those about `keys` (the parts a page
    draws), by default the parts every page uses."""
    pending = st.session_state.get(_NOTICES, {})
    for key in keys or SHARED:
        for notice in pending.pop(key, []):
            st.warning(plain_markdown(notice))  # it quotes the link, which may hold anything


def _keep(chosen: ViewState) -> None:
    st.session_state[_VIEW] = chosen
    # NOTE: only the view's own keys are rewritten; any other key in the URL is kept as it is.
    current = st.query_params.to_dict()
    wanted = {key: value for key, value in current.items() if key not in KEYS} | chosen.as_params()
    if current != wanted:
        st.query_params.from_dict(wanted)


def _link() -> dict[str, str]:
    """The URL's values, a repeated list key (`countries=SDN&countries=MMR`) joined as one list."""
    return {key: ",".join(st.query_params.get_all(key)) if key in LIST_KEYS else st.query_params[key]
            for key in st.query_params}


def _top_country(method_label: str) -> str | None:
    """The country with the most at stake on the view's tier method (r2p.read.standings.most_at_stake), not the
    first by name: found once per warehouse version and day (cache.built), not on every run of every page."""
    return cache.built(_most_at_stake, method_label, review_queue.today())


def _most_at_stake(method_label: str, today: date) -> str | None:
    period = cache.current_period(method_label)
    if period is None:
        return None
    waiting = review_queue.pending(cache.review_list(today))
    return standings.most_at_stake(cache.tier_table(method_label, period), waiting)
