"""Data & methods: each trigger rule's track record, on its reviews and, where history can test it, on onsets."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from r2p.provenance import Provenance
from r2p.reviews.queue import today
from r2p.triggers.track_record import MIN_ONSETS, rule_backtests, rule_reviews
from r2p.ui.cache import run_snapshot
from r2p.ui.downloads import table_downloads
from r2p.warehouse.store import Warehouse

ABOUT = ("**On history** each rule is replayed on every past year of the data held, as if it had run then. An onset is "
         "a new mass killing (EWP's `ewp.mk_onset`, as in the tier backtest above); it is *preceded* when the rule "
         "fired for the country in one of the two years before it. *Firings per onset* counts every firing whose "
         "two-year window has closed, and a *false alarm* is one followed by no onset in the country in those two "
         "years. *Lead* is the onset year minus the earliest firing in its window. Fewer than {minimum} onsets: no "
         "share is stated. Event rules are not replayed here.")


@st.cache_data(show_spinner=False, max_entries=8)
def _record(location: str, version: str, _warehouse: Warehouse) -> tuple[pd.DataFrame, pd.DataFrame]:
    # NOTE: keyed by the warehouse's location and version, like r2p.ui.cache; the snapshot itself is not hashed.
    return rule_reviews(_warehouse), rule_backtests(_warehouse)


def track_record_section(is_demo: bool) -> None:
    """Per rule: reviews opened (by year), decided on time, escalated; then the replay on history against onsets."""
    st.subheader("Track record of the trigger rules")
    warehouse = run_snapshot()
    reviews, tested = _record(warehouse.location, warehouse.version_token(), warehouse)
    about = Provenance("R2P Watch reviews and trigger rules replayed on the data held", today(), "", is_demo)
    st.markdown("**Reviews each rule opened.** *On time*: decided by its deadline without being escalated.")
    st.dataframe(reviews, hide_index=True, width="stretch", key="track_record_reviews", column_config={
        "rule_id": "Rule", "opened_by_year": "Opened, by year", "opened": "Opened",
        "decided_on_time": "Decided on time", "decided_late": "Decided late", "escalated": "Escalated",
        "undecided": "Undecided"})
    table_downloads(reviews, "track_record_reviews", "Trigger rules: reviews opened and decided", about)
    if tested.empty:
        st.caption("No rule can be replayed on history: no tier scores or EWP ranks are loaded.")
        return
    st.markdown(ABOUT.format(minimum=MIN_ONSETS))
    st.dataframe(tested, hide_index=True, width="stretch", key="track_record_history", column_config={
        "rule_id": "Rule", "replayed_years": "Years replayed", "onset_years": "Onset years tested",
        "onsets": "Onsets", "preceded": "Preceded by a firing",
        "share_preceded": st.column_config.NumberColumn("Share preceded", format="percent"),
        "firings": "Firings (window closed)",
        "firings_per_onset": st.column_config.NumberColumn("Firings per onset", format="%.1f"),
        "false_alarms": "False alarms",
        "median_lead_years": st.column_config.NumberColumn("Median lead (years)", format="%.1f"),
        "note": st.column_config.TextColumn("Note", width="large")})
    table_downloads(tested, "track_record_history", "Trigger rules replayed on history against onsets", about)
