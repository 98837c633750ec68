"""Data & methods: sources with as-of dates, every load, the indicator catalog and risk-factor blind spots."""

import streamlit as st

from r2p.catalog import RISK_FACTORS
from r2p.ui import cache
from r2p.ui.banner import demo_banner

sources = cache.data_sources()
demo_banner(bool(sources["is_demo"].any()))
st.title("Data & methods")

# Sources
st.subheader("Sources")
st.dataframe(sources[["name", "publisher", "observations", "events", "as_of", "last_load", "is_demo", "citation"]],
             hide_index=True, width="stretch")

# Risk factors without data
st.subheader("UN Framework risk factors")
coverage = cache.risk_factor_coverage().assign(factor_name=lambda f: f["factor"].map(RISK_FACTORS))
blind = coverage[coverage["indicators"] == 0]
st.warning(f"{len(blind)} of 14 risk factors have no data: " + "; ".join(
    f"{row.factor}. {row.factor_name}" for row in blind.itertuples()) if len(blind) else "Every factor has data.")
st.dataframe(coverage[["factor", "factor_name", "indicators", "indicator_names"]], hide_index=True, width="stretch")

# Indicators and loads
st.subheader("Indicators with data")
st.dataframe(cache.indicators(), hide_index=True, width="stretch")
st.subheader("Loads")
st.dataframe(cache.ingests(), hide_index=True, width="stretch")
