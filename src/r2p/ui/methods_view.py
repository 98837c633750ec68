"""Data & methods sections: tier-method definitions and the backtest table, rendered from plain data."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from r2p.catalog import RISK_FACTORS
from r2p.tiers.method import TierMethod


def method_card(method: TierMethod) -> None:
    """A method version: what it uses, how it weighs it, where its tiers start."""
    with st.expander(f"{method.name} — {method.label}", expanded=False):
        st.write(method.description)
        st.caption(f"Reference period {method.reference_period[0]}–{method.reference_period[1]} · values older "
                   f"than {method.stale_after_years} year(s) count as missing · coverage floor "
                   f"{method.coverage_floor:.0%} (below it: Insufficient data)")
        st.dataframe(pd.DataFrame([i.model_dump() for i in method.indicators]), hide_index=True)
        if method.factor_weights:
            st.dataframe(pd.DataFrame({"factor": list(method.factor_weights),
                                       "name": [RISK_FACTORS[f] for f in method.factor_weights],
                                       "weight": list(method.factor_weights.values())}), hide_index=True)
        st.dataframe(pd.DataFrame({"tier": list(method.thresholds), "from score": list(method.thresholds.values())}),
                     hide_index=True)


def backtest_table(report: pd.DataFrame, is_demo: bool) -> None:
    """The honest numbers: overall first, then year by year."""
    if report.empty:
        st.info("No backtest yet: it needs scores and at least two later years of `ewp.mk_onset` data.")
        return
    label = " (computed on DEMO data)" if is_demo else ""
    overall = report[report["year"] == "all"]
    st.markdown(f"**All years{label}**: share of onsets (new mass killings within two years of the forecast year) "
                "whose country ranked in the top 10, 20 or 30, and the area under the ROC curve.")
    st.dataframe(overall.drop(columns="year"), hide_index=True, width="stretch")
    with st.expander("Year by year"):
        st.dataframe(report[report["year"] != "all"], hide_index=True, width="stretch")
