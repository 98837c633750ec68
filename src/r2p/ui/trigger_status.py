"""When the trigger rules last ran, so that "0 open" is never read as "all clear" when they have not run at all."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from r2p.triggers.escalation import levels
from r2p.triggers.runs import last_trigger_run
from r2p.ui.cache import run_snapshot
from r2p.ui.plain import plain_markdown

NEVER = ("The trigger rules have not run on this warehouse yet, so no review can have opened. They run with every "
         "`r2p init`, `r2p ingest` and `r2p update`; `r2p triggers` runs them now.")


def show_last_trigger_run() -> None:
    """One line: when the rules last ran, as of which day, by whom, and what they did; a warning if never."""
    last = last_trigger_run(run_snapshot())
    if last is None:
        st.warning(NEVER)
        return
    st.caption(f"Trigger rules last ran {pd.Timestamp(last['ran_at']):%Y-%m-%d %H:%M} UTC (as of "
               f"{pd.Timestamp(last['as_of']):%Y-%m-%d}, by {plain_markdown(str(last['ran_by']))}): "
               f"{last['firings']} firing(s), {last['opened']} review(s) opened, {last['escalated']} escalated.")


def show_escalation_chain() -> None:
    """The levels a review climbs (r2p/catalog/escalation.yml) and how long each has to decide."""
    chain = " → ".join(f"{level.number} {level.name} ({level.holder}, {level.decision_days} days)"
                       for level in levels())
    st.caption(f"Escalation: {plain_markdown(chain)}. A review not decided by its deadline moves up one level the "
               "next time the trigger rules run; at the last level it stays, overdue.")
