"""The Country page's key judgements and "what changed and why": the product's draft, marked as a draft until an
editor approves it; editors edit, save and approve (each a new version)."""

from __future__ import annotations

import streamlit as st

from r2p.access.rights import PermissionDenied, User
from r2p.convening.judgements import MAX_JUDGEMENTS, JudgementError, Judgements, save_judgements
from r2p.reviews.queue import today
from r2p.ui.cache import cached
from r2p.ui.plain import plain_markdown
from r2p.ui.sign_in import current_user, read_only_notice
from r2p.warehouse import Warehouse

_SAVED = "r2p_judgements_saved"  # survives the rerun that redraws the section with the new version
saved_judgements = cached("judgements")
fresh_draft = cached("judgement_draft")


def show_judgements(iso3: str, name: str) -> None:
    """The "Key judgements" section of the Country page."""
    st.subheader("Key judgements")
    message = st.session_state.pop(_SAVED, None)
    if message:
        st.success(message)
    draft = fresh_draft(iso3, today())
    shown = saved_judgements(iso3) or draft
    _marking(shown)
    _text(shown)
    user = current_user()
    if not user.can("edit_judgements"):
        read_only_notice(user, "edit_judgements", "edit or approve the judgements")
        return
    if shown.version:
        with st.expander("The product's fresh draft, from the data as they are today"):
            _text(draft)
    _editor(iso3, name, shown, user)


def _marking(shown: Judgements) -> None:
    if shown.approved:
        st.success(plain_markdown(f"{shown.label} (version {shown.version})."))
    elif shown.version:
        st.warning(plain_markdown(f"{shown.label}: edited by {shown.edited_by} on {shown.edited_at:%Y-%m-%d} "
                                  f"(version {shown.version}); an editor must approve it before it counts."))
    else:
        st.warning(f"{shown.label}: drafted by R2P Watch from the facts each sentence cites; an editor must edit "
                   "and approve it before it counts.")


def _text(judgements: Judgements) -> None:
    st.markdown("\n".join(f"{number}. {plain_markdown(sentence)}"
                          for number, sentence in enumerate(judgements.key_judgements, start=1)))
    st.markdown(f"**What changed and why.** {plain_markdown(judgements.what_changed)}")


def _editor(iso3: str, name: str, shown: Judgements, user: User) -> None:
    with st.expander(f"Edit and approve the judgements on {name} (as {plain_markdown(user.name)})"), \
            st.form("judgements_form"):
        sentences = st.text_area(f"Key judgements (one a line, at most {MAX_JUDGEMENTS})",
                                 value="\n".join(shown.key_judgements), key="judgements_key")
        changed = st.text_area("What changed and why", value=shown.what_changed, key="judgements_changed")
        save = st.form_submit_button("Save as draft", key="judgements_save")
        approve = st.form_submit_button("Save and approve", key="judgements_approve", type="primary")
        if not (save or approve):
            return
    try:
        version = save_judgements(Warehouse.default(), iso3, sentences.splitlines(), changed, user, approve=approve)
    except (JudgementError, PermissionDenied) as error:
        st.error(str(error))
        return
    done = "approved" if approve else "saved as a draft"
    st.session_state[_SAVED] = f"Version {version} of the judgements on {iso3} {done}."
    st.rerun()
