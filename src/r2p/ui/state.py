"""The chosen country, period and indicator: kept in session state and mirrored in the URL."""

from __future__ import annotations

import streamlit as st

from r2p.ui import cache
from r2p.ui.plain import plain_markdown
from r2p.view import Options, ViewState, default_view, resolve_view

_VIEW = "r2p_view"  # a non-widget key: it survives moving to a page that does not draw the selectors
_NOTICES = "r2p_view_notices"


def options() -> Options:
    return Options(cache.countries()[["iso3", "name"]], cache.indicators())


def sync_view() -> ViewState:
    """On a session's first run read the URL; afterwards the session's choice wins. Then write the URL."""
    choices = options()
    fallback = default_view(choices, _top_country(choices))
    current = st.session_state.get(_VIEW)
    params = current.as_params() if isinstance(current, ViewState) else st.query_params.to_dict()
    view, notices = resolve_view(params, choices, fallback)
    if not isinstance(current, ViewState):
        st.session_state[_NOTICES] = notices
    st.session_state[_VIEW] = view
    _write_url(view)
    return view


def view() -> ViewState:
    """The current view (set by the app router before the page runs)."""
    return st.session_state[_VIEW]


def set_view(**changes: object) -> None:
    """Change part of the view; the URL follows on the next run."""
    current = view()
    st.session_state[_VIEW] = ViewState(
        country=str(changes.get("country", current.country)),
        period=int(changes.get("period", current.period)),  # type: ignore[arg-type]
        indicator=str(changes.get("indicator", current.indicator)),
    )


def show_notices() -> None:
    """Tell the user once which parts of their link could not be used."""
    for notice in st.session_state.pop(_NOTICES, []):
        st.warning(plain_markdown(notice))  # it quotes the link, which may hold anything


def _write_url(view: ViewState) -> None:
    # Keys other than the view's belong to pages (e.g. Trends' countries/indicators, the tier method): keep them.
    current = st.query_params.to_dict()
    wanted = {key: value for key, value in current.items() if key not in view.as_params()} | view.as_params()
    if current != wanted:
        st.query_params.from_dict(wanted)


def _top_country(choices: Options) -> str | None:
    fallback = default_view(choices)
    values = cache.indicator_values(fallback.indicator, fallback.period)
    return None if values.empty else str(values["iso3"].iloc[0])
