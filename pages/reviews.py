"""Reviews: every review a trigger opened, overdue first, at its escalation level with its holder and deadline, and
the decisions that closed them (who, when, why)."""

import streamlit as st

from r2p.reviews import queue as review_queue
from r2p.ui import cache
from r2p.ui.banner import demo_banner
from r2p.ui.digests_view import show_digests
from r2p.ui.forms import show_saved
from r2p.ui.review_queue_view import show_queue
from r2p.ui.trigger_status import show_last_trigger_run

reviews = cache.review_list(review_queue.today())
st.title("Reviews")
demo_banner(bool(cache.data_sources()["is_demo"].any()))
show_saved()
show_last_trigger_run()
if reviews.empty:
    st.info("No review has been opened yet: one opens whenever a trigger rule fires (the rules run with every "
            "`r2p init`, `r2p ingest` and `r2p update`, and with `r2p triggers`).")
else:  # the queue; digests and subscriptions below are managed even before the first review
    show_queue(reviews)

# Digests and subscriptions
show_digests()
