"""Editing engagements (editors and admins): add, end or correct one, always with a reason."""

from __future__ import annotations

from datetime import date

import streamlit as st

from r2p.access.rights import PermissionDenied, User
from r2p.engagement.edits import EditRefused, add_engagement, correct_engagement, engagement_record
from r2p.engagement.registry import Registry, actor_table
from r2p.ui.sign_in import read_only_notice
from r2p.vocabulary import ENGAGEMENT_KINDS
from r2p.warehouse.store import Warehouse

_FLASH = "engagement_edit_flash"
DATE_HELP = "YYYY-MM-DD, or YYYY-MM / YYYY when the day is not known."


def render_editor(registry: Registry, editor: User, as_of: date) -> None:
    st.subheader("Edit engagements")
    if not editor.can("engagement"):
        read_only_notice(editor, "engagement", "add, end or correct engagements")
        return
    if message := st.session_state.pop(_FLASH, None):
        st.success(message)
    st.caption(f"Changes need a reason and are recorded in the audit log as {editor.name}.")
    mode = st.radio("Change", ["Add", "End", "Correct"], horizontal=True, key="engagement_edit_mode")
    if mode == "Add":
        _add_form(registry, editor, as_of)
    elif mode == "End":
        _end_form(registry, editor, as_of)
    else:
        _correct_form(registry, editor)


def _add_form(registry: Registry, editor: User, as_of: date) -> None:
    actors = actor_table(registry.actors).set_index("actor_id")["label"]
    names = registry.situation_names()
    with st.form("engagement_add"):
        actor = st.selectbox("Actor", list(actors.index), format_func=lambda a: f"{actors[a]} ({a})",
                             key="engagement_add_actor")
        situation = st.selectbox("Situation", sorted(names, key=names.__getitem__), format_func=names.__getitem__,
                                 key="engagement_add_situation")
        kind = st.selectbox("Kind", list(ENGAGEMENT_KINDS), format_func=ENGAGEMENT_KINDS.__getitem__,
                            key="engagement_add_kind")
        fields = _common_fields("add", {"started": as_of.isoformat(), "verified": "true"})
        reason = st.text_input("Reason (required)", key="engagement_add_reason")
        if st.form_submit_button("Add engagement"):
            record = fields | {"actor_id": actor, "situation_id": situation, "kind": kind}
            _apply(lambda: f"Added engagement #{add_engagement(Warehouse.default(), record, reason, editor)}.")


def _end_form(registry: Registry, editor: User, as_of: date) -> None:
    open_ones = registry.engagements[registry.engagements["ended"].isna()]
    choice = _engagement_choice(registry, open_ones, "engagement_end_choice")
    with st.form("engagement_end"):
        ended = st.text_input("Ended on (last day active)", value=as_of.isoformat(), help=DATE_HELP,
                              key="engagement_end_date")
        reason = st.text_input("Reason (required)", key="engagement_end_reason")
        if st.form_submit_button("End engagement") and choice is not None:
            _apply(lambda: _ended(choice, ended, reason, editor))


def _ended(engagement_id: int, ended: str, reason: str, editor: User) -> str:
    correct_engagement(Warehouse.default(), engagement_id, {"ended": ended}, reason, editor, action="end")
    return f"Ended engagement #{engagement_id} on {ended}."


def _correct_form(registry: Registry, editor: User) -> None:
    choice = _engagement_choice(registry, registry.engagements, "engagement_correct_choice")
    if choice is None:
        return
    current = engagement_record(registry, choice)
    with st.form(f"engagement_correct_{choice}"):
        fields = _common_fields(f"correct_{choice}", current)
        reason = st.text_input("Reason (required)", key=f"engagement_correct_reason_{choice}")
        if st.form_submit_button("Save correction"):
            _apply(lambda: _corrected(choice, fields, reason, editor))


def _corrected(engagement_id: int, fields: dict[str, str], reason: str, editor: User) -> str:
    correct_engagement(Warehouse.default(), engagement_id, fields, reason, editor)
    return f"Corrected engagement #{engagement_id}."


def _common_fields(prefix: str, current: dict[str, str]) -> dict[str, str]:
    return {
        "title": st.text_input("Title", value=current.get("title", ""), key=f"engagement_{prefix}_title"),
        "started": st.text_input("Started", value=current.get("started", ""), help=DATE_HELP,
                                 key=f"engagement_{prefix}_started"),
        "ended": st.text_input("Ended (blank while it goes on)", value=current.get("ended", ""), help=DATE_HELP,
                               key=f"engagement_{prefix}_ended"),
        "source_url": st.text_input("Source URL", value=current.get("source_url", ""), key=f"engagement_{prefix}_url"),
        "verified": "true" if st.checkbox("Verified against a primary source", key=f"engagement_{prefix}_verified",
                                          value=current.get("verified", "false") == "true") else "false",
        "note": st.text_input("Note", value=current.get("note", ""), key=f"engagement_{prefix}_note"),
    }


def _engagement_choice(registry: Registry, rows: object, key: str) -> int | None:
    names, actors = registry.situation_names(), registry.actor_names()
    labels = {int(r.engagement_id): f"#{r.engagement_id} {actors.get(r.actor_id, r.actor_id)} — "
                                    f"{names.get(r.situation_id, r.situation_id)} — {r.title}"
              for r in rows.itertuples()}  # type: ignore[attr-defined]
    if not labels:
        st.info("No engagement to change.")
        return None
    return st.selectbox("Engagement", list(labels), format_func=labels.__getitem__, key=key)


def _apply(change) -> None:  # noqa: ANN001 - a zero-argument callable returning the success message
    try:
        st.session_state[_FLASH] = change()
    except PermissionDenied as denied:
        st.error(str(denied))
        return
    except EditRefused as refused:
        for problem in refused.problems:
            st.error(f"{problem.column or 'edit'}: {problem.message}" + (f" ({problem.value!r})" if problem.value
                                                                         else ""))
        return
    st.rerun()
