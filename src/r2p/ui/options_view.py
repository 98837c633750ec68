"""Options and their implications: the library for everyone; for editors, selecting and annotating per country."""

from __future__ import annotations

import streamlit as st

from r2p.access.rights import PermissionDenied, User
from r2p.convening.options import (
    DIRECTION_LABELS,
    MAX_ANNOTATION,
    Option,
    OptionsError,
    SelectedOption,
    library,
    opposing_pairs,
    pack_options,
    set_selection,
)
from r2p.ui.cache import run_snapshot
from r2p.ui.plain import plain_markdown
from r2p.ui.sign_in import current_user, read_only_notice
from r2p.warehouse import Warehouse

_SAVED = "r2p_options_saved"


def show_options(iso3: str, name: str) -> None:
    """The options section of Meeting prep: what is selected for the country, side by side when opposed."""
    st.subheader("Options and their implications")
    message = st.session_state.pop(_SAVED, None)
    if message:
        st.success(message)
    selected = pack_options(run_snapshot(), iso3)
    if selected:
        _selected(selected, opposing_pairs(selected))
    else:
        st.info(f"No option has been selected for {name} yet; the library below lists what the meeting can weigh.")
    user = current_user()
    if user.can("select_options"):
        _form(iso3, {s.option.id: s for s in selected}, user)
    else:
        read_only_notice(user, "select_options", "select options")
    with st.expander(f"Options library ({len(library())} options)"):
        for option in library():
            _option_card(option)


def _selected(selected: tuple[SelectedOption, ...], pairs: tuple[tuple[SelectedOption, SelectedOption], ...]) -> None:
    # NOTE: one row per pressure option, with every engagement option it pulls against beside it, so an option
    # opposed by several others is shown once on its side.
    against: dict[str, list[SelectedOption]] = {}
    for pressure, engagement in pairs:
        against.setdefault(pressure.option.id, []).append(engagement)
    by_id = {s.option.id: s for s in selected}
    for pressure_id, opposed in against.items():
        pressure = by_id[pressure_id]
        names = " or ".join(plain_markdown(o.option.name) for o in opposed)
        st.markdown(f"**Weigh against each other:** {plain_markdown(pressure.option.name)} ↔ {names}")
        left, right = st.columns(2)
        with left:
            _option_card(pressure.option, pressure)
        with right:
            for item in opposed:
                _option_card(item.option, item)
    paired = {s.option.id for pair in pairs for s in pair}
    for item in selected:
        if item.option.id not in paired:
            _option_card(item.option, item)


def _option_card(option: Option, chosen: SelectedOption | None = None) -> None:
    with st.container(border=True):
        st.markdown(f"**{plain_markdown(option.name)}** · {DIRECTION_LABELS[option.direction]}")
        if chosen is not None:
            st.caption(plain_markdown(f"Selected by {chosen.selected_by} on {chosen.selected_at:%Y-%m-%d}: "
                                      f"{chosen.annotation}"))
        st.markdown(plain_markdown("Who holds the lever: " + ", ".join(option.levers)))
        for label, items in (("Preconditions", option.preconditions), ("Risks", option.risks),
                             ("Implications", option.implications)):
            st.markdown(f"*{label}:* " + plain_markdown("; ".join(items)))
        for precedent in option.precedents:
            st.markdown(f"- {plain_markdown(precedent.text)} ([source]({precedent.source_url}))")


def _form(iso3: str, current: dict[str, SelectedOption], user: User) -> None:
    names = {o.id: o.name for o in library()}
    with st.form("options_form", clear_on_submit=True):
        option_id = st.selectbox("Option", list(names), format_func=names.__getitem__, key="options_option")
        annotation = st.text_area(f"Why it is on the table for {iso3} (as {plain_markdown(user.name)})",
                                  max_chars=MAX_ANNOTATION, key="options_annotation")
        keep = st.radio("Action", ["Select", "Withdraw"], horizontal=True, key="options_action")
        if not st.form_submit_button("Save", key="options_save"):
            return
    try:
        set_selection(Warehouse.default(), iso3, option_id, keep == "Select", annotation, user)
    except (OptionsError, PermissionDenied) as error:
        st.error(str(error))
        return
    verb = "Selected" if keep == "Select" else "Withdrew"
    st.session_state[_SAVED] = f"{verb} “{names[option_id]}” for {iso3}."
    st.rerun()
