"""The Reviews page's digests section: drafts awaiting approval (editors approve), and subscriptions (admins)."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from r2p.access.rights import PermissionDenied, User
from r2p.notify.drafts import DigestError, approve_draft, list_drafts
from r2p.notify.subscriptions import (
    Subscription,
    SubscriptionError,
    add_subscription,
    known_countries,
    parse_subscription,
    remove_subscription,
    subscription_table,
    subscriptions,
)
from r2p.triggers.escalation import levels
from r2p.triggers.rules import rule_book
from r2p.ui import cache
from r2p.ui.plain import plain_markdown
from r2p.ui.sign_in import current_user, read_only_notice
from r2p.vocabulary import TIERS
from r2p.warehouse import Warehouse

_SAVED = "r2p_digest_saved"  # what the last digest or subscription form saved, shown once after the rerun
DRAFT_COLUMNS = ["draft_id", "recipient", "drafted_at", "state", "approved_by", "sent", "failed", "subject"]


def show_digests() -> None:
    """Digests (read one, approve it) and the subscriptions behind them, for the signed-in user's role."""
    user = current_user()
    st.subheader("Digests")
    saved = st.session_state.pop(_SAVED, None)
    if saved:
        st.success(saved)
    st.caption("One digest per subscriber of what changed since their last one (tier moves, reviews opened, "
               "escalated or overdue, surges, data loaded). Nothing is delivered before an editor approves it; "
               "`r2p digest --send`, run on a schedule, delivers approved digests by e-mail, webhook or folder.")
    drafts = list_drafts(cache.run_snapshot())
    if drafts.empty:
        st.caption("No digest has been drafted yet: `r2p digest` drafts them.")
    else:
        st.dataframe(drafts[DRAFT_COLUMNS], key="digests_table", hide_index=True, width="stretch")
        _read_and_approve(drafts, user)
    st.subheader("Subscriptions")
    _subscriptions(user)


def _read_and_approve(drafts: pd.DataFrame, user: User) -> None:
    labels = {int(r.draft_id): f"#{r.draft_id} to {r.recipient} ({r.state})" for r in drafts.itertuples()}
    chosen = st.selectbox("Read a digest", list(labels), format_func=labels.__getitem__, key="digest_chosen")
    draft = drafts.set_index("draft_id").loc[chosen]
    st.code(f"To: {draft['recipient']}\nSubject: {draft['subject']}\n\n{draft['body']}", language=None)
    if not user.can("approve_digest"):
        read_only_notice(user, "approve_digest", "approve a digest")
        return
    if pd.notna(draft["approved_at"]):
        st.caption(f"Approved by {plain_markdown(str(draft['approved_by']))}.")
        return
    if not st.button(f"Approve digest #{chosen}", key="digest_approve"):
        return
    try:
        recipient = approve_draft(Warehouse.default(), int(chosen), user)
    except (DigestError, PermissionDenied) as error:
        st.error(str(error))
        return
    st.session_state[_SAVED] = (f"Approved digest #{chosen} to {plain_markdown(recipient)}; the next "
                                "`r2p digest --send` delivers it.")
    st.rerun()


def _subscriptions(user: User) -> None:
    found = subscriptions(cache.run_snapshot())
    if found:
        st.dataframe(subscription_table(found), key="subscriptions_table", hide_index=True, width="stretch")
    else:
        st.caption("No subscription yet. Each escalation level's recipients still receive digests about the reviews "
                   "at their level.")
    if not user.can("manage_subscriptions"):
        read_only_notice(user, "manage_subscriptions", "manage subscriptions")
        return
    _add_form(user)
    if found:
        _remove_form(found, user)


def _add_form(user: User) -> None:
    countries = cache.countries()
    names = dict(zip(countries["iso3"], countries["name"], strict=True))
    chain = {level.number: f"{level.number}: {level.name}" for level in levels()}
    with st.form("subscription_add_form", clear_on_submit=True):
        st.markdown("**Add a subscription**")
        address = st.text_input("E-mail address", placeholder="name@example.org")
        chosen = st.multiselect("Countries (empty: every country)", list(names), format_func=lambda c: names[c])
        tier = st.selectbox("Lowest tier (empty: every tier)", TIERS, index=None)
        rules = st.multiselect("Reviews by rule (empty: every rule)", [rule.id for rule in rule_book().rules])
        level = st.selectbox("Reviews at level or higher (empty: every level)", list(chain), index=None,
                             format_func=chain.__getitem__)
        if not st.form_submit_button("Add subscription"):
            return
    try:
        subscription = parse_subscription(address, ",".join(chosen), tier, ",".join(rules), level,
                                          known_countries(cache.run_snapshot()))
        number = add_subscription(Warehouse.default(), subscription, user)
    except (SubscriptionError, PermissionDenied) as error:
        st.error(str(error))
        return
    st.session_state[_SAVED] = (f"Added subscription #{number}: {plain_markdown(subscription.address)} "
                                f"({plain_markdown(subscription.describe())}).")
    st.rerun()


def _remove_form(found: list[Subscription], user: User) -> None:
    labels = {s.subscription_id: f"#{s.subscription_id} {s.address} ({s.describe()})" for s in found}
    with st.form("subscription_remove_form"):
        st.markdown("**Remove a subscription**")
        chosen = st.selectbox("Subscription", list(labels), format_func=labels.__getitem__)
        if not st.form_submit_button("Remove subscription"):
            return
    try:
        removed = remove_subscription(Warehouse.default(), int(chosen), user)
    except (SubscriptionError, PermissionDenied) as error:
        st.error(str(error))
        return
    st.session_state[_SAVED] = f"Removed subscription #{chosen}: {plain_markdown(removed.address)}."
    st.rerun()
