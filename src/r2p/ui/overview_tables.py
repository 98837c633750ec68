"""The Overview below the fold: every country's tier and each source's as-of date, each drawn once opened."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from r2p.provenance import Provenance
from r2p.ui.tier_tables import show_sources, show_tier_table

TIERS_SHOWN = "overview_all_countries_shown"  # the expanders' keys: True once opened, for the session
SOURCES_SHOWN = "overview_sources_shown"


def show_below_the_fold(tiers: pd.DataFrame, sources: pd.DataFrame, method_label: str, period: int,
                        about: Provenance) -> None:
    """Headings, then each table in an expander that draws it only when opened (opening reruns the page).
    NOTE: a closed expander still draws its content, and a st.dataframe loads about 1.5 MB of JavaScript and draws
    on the browser's main thread while the map above is loading; nobody reads these two on arrival."""
    st.subheader(f"All countries, {period} ({method_label})")
    every = st.expander("Every country's tier, reliability and assessed tier (sortable; CSV and XLSX)",
                        key=TIERS_SHOWN, on_change="rerun")
    if every.open:
        with every:
            show_tier_table(tiers, method_label, key="overview_tiers", height=420, provenance=about)
    st.subheader("Data as of")
    each = st.expander("Each source's as-of date and last load", key=SOURCES_SHOWN, on_change="rerun")
    if each.open:
        with each:
            show_sources(sources, key="overview_sources")
