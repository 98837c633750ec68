"""A country's notes (plain text, latest first) and, for editors, the form that adds one."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from r2p.access.rights import PermissionDenied, User
from r2p.notes import MAX_NOTE, NoteError, add_country_note
from r2p.ui.cache import cached
from r2p.ui.plain import plain_markdown
from r2p.ui.sign_in import current_user, read_only_notice
from r2p.warehouse import Warehouse

_SAVED = "r2p_note_saved"  # survives the rerun that redraws the list with the new note
notes_of = cached("country_notes")


def show_country_notes(iso3: str, name: str) -> None:
    """The notes section of the Country page."""
    st.subheader("Notes")
    message = st.session_state.pop(_SAVED, None)
    if message:
        st.success(message)
    _note_list(notes_of(iso3), name)
    user = current_user()
    if user.can("country_note"):
        _note_form(iso3, user)
    else:
        read_only_notice(user, "country_note", "add notes")


def _note_list(notes: pd.DataFrame, name: str) -> None:
    if notes.empty:
        st.caption(f"No notes on {name} yet.")
        return
    for note in notes.itertuples():
        with st.container(border=True, key=f"country_note_{note.note_id}"):
            st.caption(plain_markdown(f"#{note.note_id} · {note.author} · {note.created_at:%Y-%m-%d %H:%M} UTC"))
            st.markdown(plain_markdown(str(note.body)))


def _note_form(iso3: str, user: User) -> None:
    with st.form("country_note_form", clear_on_submit=True):
        body = st.text_area(f"Add a note on {iso3} (as {plain_markdown(user.name)})", max_chars=MAX_NOTE,
                            key="country_note_body",
                            placeholder="At least 10 characters; shown as plain text.")
        if not st.form_submit_button("Save note", key="country_note_save"):
            return
    try:
        number = add_country_note(Warehouse.default(), iso3, body, user)
    except (NoteError, PermissionDenied) as error:
        st.error(str(error))
        return
    st.session_state[_SAVED] = f"Saved note #{number} on {iso3}."
    st.rerun()
