"""Data & methods sections: tier-method definitions and the evaluation against EWP, from plain data."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from r2p.catalog import RISK_FACTORS
from r2p.tiers.evaluation_report import NOTE, PROTOCOL, SUBSET_NAMES, Evaluation, readable
from r2p.tiers.method import TierMethod
from r2p.ui.plain import plain_markdown


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


def evaluation_section(found: Evaluation, is_demo: bool) -> pd.DataFrame:
    """The protocol's verdicts and table, one tab per subset of windows; returns the table as shown (for export)."""
    st.markdown(PROTOCOL)
    if found.missing:
        st.info(f"Nothing to evaluate yet: {found.missing}.")
        return pd.DataFrame()
    if is_demo:
        st.warning("Some scores here come from DEMO data: the figures below only show how the protocol works.")
    for sentence in found.sentences.values():
        st.markdown(f"- {plain_markdown(sentence)}")
    if found.targets_said:
        (st.success if "meets every target" in found.targets_said else st.warning)(plain_markdown(found.targets_said))
        st.dataframe(found.targets, hide_index=True, width="stretch", key="evaluation_targets")
    shown = readable(found.table)
    for tab, subset in zip(st.tabs(list(SUBSET_NAMES.values())), SUBSET_NAMES, strict=True):
        tab.dataframe(shown[found.table["subset"] == subset].drop(columns="Windows"), hide_index=True,
                      width="stretch", key=f"evaluation_{subset}")
    st.caption(NOTE)
    return shown
