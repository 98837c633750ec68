"""The Reviews page's queue: filters by state and rule, where the queue stands, the escalation chain, the reviews
(overdue first) and the decision form."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from r2p.provenance import Provenance
from r2p.reviews import queue as review_queue
from r2p.ui.forms import decision_form
from r2p.ui.sign_in import current_user
from r2p.ui.tier_tables import show_reviews
from r2p.ui.trigger_status import show_escalation_chain


def show_queue(reviews: pd.DataFrame) -> None:
    """The queue of `reviews` (every review, any state) as people work it."""
    # Filters
    state_column, rule_column = st.columns(2)
    states = state_column.multiselect("State", review_queue.STATES, default=["overdue", "open"], key="reviews_states",
                                      help="Empty shows every state.")
    rules = rule_column.multiselect("Rule", sorted(reviews["rule_id"].unique()), key="reviews_rules",
                                    help="Empty shows every rule.")
    shown = review_queue.filter_reviews(reviews, states, rules)

    # Where the queue stands
    counts = review_queue.state_counts(reviews)
    overdue, still_open, decided = st.columns(3)
    overdue.metric("Overdue", counts["overdue"])
    still_open.metric("Open", counts["open"])
    decided.metric("Decided", counts["decided"])
    if counts["overdue"]:
        st.error(f"**{counts['overdue']} review(s) are past their deadline** and are listed first, highlighted.")
    show_escalation_chain()

    # The queue: overdue first, then open, then decided (with who decided, when and why)
    show_reviews(shown, key="reviews_table", empty="No review matches the filters.",
                 provenance=Provenance("R2P Watch reviews", review_queue.today()))

    # Decide
    st.subheader("Record a decision")
    decision_form(review_queue.pending(shown), current_user())
