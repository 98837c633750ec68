"""Forms that write (shown only to roles that may): an analyst's assessment, and a decision closing a review."""

from __future__ import annotations

from datetime import timedelta

import pandas as pd
import streamlit as st

from r2p.access.rights import PermissionDenied, User
from r2p.reviews.queue import today
from r2p.reviews.records import DECISIONS, ReviewError, decide
from r2p.tiers.assessment import AssessmentError, record_assessment
from r2p.ui.plain import plain_markdown
from r2p.ui.sign_in import read_only_notice
from r2p.vocabulary import INSUFFICIENT, TIERS
from r2p.warehouse import Warehouse

_SAVED = "r2p_saved_message"  # survives the rerun that redraws the page with the saved record
DEFER_DAYS = 14


def show_saved() -> None:
    """The confirmation of what the last form saved, shown once after the page is redrawn with it."""
    message = st.session_state.pop(_SAVED, None)
    if message:
        st.success(message)


def assessment_form(iso3: str, period: int, model_tier: object, method_label: str, user: User) -> None:
    """An analyst's tier and rationale for one country and period, stored beside the model's tier (editors)."""
    if not user.can("assess"):
        read_only_notice(user, "assess", "record an assessment")
        return
    shown = model_tier if isinstance(model_tier, str) else "none"
    who = plain_markdown(user.name)
    with st.form("assessment_form", clear_on_submit=True):
        st.markdown(f"**Record an assessment for {iso3}, {period}** (as {who}; the model tier, {shown} "
                    f"({method_label}), is kept unchanged)")
        st.caption("An assessment is for the country and year: it is shown beside every tier method's model tier.")
        tier = st.selectbox("Assessed tier", [*TIERS, INSUFFICIENT], index=None, placeholder="Choose a tier")
        rationale = st.text_area("Rationale", placeholder="Why this tier (at least 20 characters)")
        if not st.form_submit_button("Save assessment"):
            return
    try:
        number = record_assessment(Warehouse.default(), iso3, period, tier or "", rationale, user)
    except (AssessmentError, PermissionDenied) as error:
        st.error(str(error))
        return
    st.session_state[_SAVED] = f"Saved assessment #{number}: {iso3} {period} assessed {tier} by {who}."
    st.rerun()


def decision_form(pending: pd.DataFrame, user: User) -> None:
    """Close an open or overdue review with act / do not act / defer (defer brings it back on a follow-up date)."""
    if not user.can("decide"):
        read_only_notice(user, "decide", "record a decision")
        return
    if pending.empty:
        st.caption("No open or overdue review matches the filters.")
        return
    labels = {int(r.review_id): f"#{r.review_id} {r.name} — {r.rule_id} ({r.state}, due {str(r.due_date)[:10]})"
              for r in pending.itertuples()}
    with st.form("decision_form", clear_on_submit=True):
        st.markdown(f"**Decide a review** (as {plain_markdown(user.name)})")
        review_id = st.selectbox("Review", list(labels), format_func=labels.__getitem__)
        decision = st.radio("Decision", DECISIONS, horizontal=True, index=None)
        follow_up = st.date_input("Follow-up date (defer only)", value=today() + timedelta(days=DEFER_DAYS))
        rationale = st.text_area("Rationale", placeholder="Why (at least 10 characters)")
        if not st.form_submit_button("Record decision"):
            return
    try:
        follow = decide(Warehouse.default(), int(review_id), decision or "", rationale, user,
                        follow_up if decision == "defer" else None)
    except (ReviewError, PermissionDenied) as error:
        st.error(str(error))
        return
    st.session_state[_SAVED] = (f"Review #{review_id}: {decision}, recorded by {plain_markdown(user.name)}."
                                + (f" Follow-up review #{follow} is due {follow_up}." if follow else ""))
    st.rerun()
