"""Data & methods: what each EWP release's two-year list said and what followed, with its downloads."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from r2p.provenance import Provenance
from r2p.read.release_record import FORECAST_FILE, release_list, release_summary
from r2p.ui.downloads import table_downloads

ABOUT = ("Each release's two-year list is made from the previous year's data and gives each country's risk of a new "
         "mass killing beginning in the two years after it. *What followed* is the first new onset in those two "
         "years, as coded in the newest EWP base data loaded (onsets known through {through}); years past that are "
         "*not yet known*. Rank is the country's place in that release's own list (1 = highest risk).")


def release_record_section(lists: pd.DataFrame) -> None:
    """One row per release with how many of its top 10 / 30 saw an onset, and the chosen release's top 30."""
    if lists.empty:
        st.info(f"No EWP risk list is loaded yet: load EWP's final forecasts file ({FORECAST_FILE}) with "
                "`r2p ingest ewp FILE`, once per release.")
        return
    through = lists["outcomes_through"].dropna()
    st.markdown(ABOUT.format(through=int(through.max()) if len(through) else "no year: no base data loaded"))
    summary = release_summary(lists)
    about = Provenance(f"Early Warning Project releases {', '.join(summary['Release'])}",
                       summary["Published"].where(summary["Published"] != "–").max())
    st.dataframe(summary, hide_index=True, width="stretch", key="release_record_summary")
    table_downloads(summary, "release_record", "What each EWP release said", about)
    chosen = st.selectbox("Release whose list to show", list(summary["Release"]), key="release_record_release")
    shown = release_list(lists, chosen)
    st.caption(f"{chosen}: its top {len(shown)} of {int((lists['release'] == chosen).sum())} countries listed, "
               "and what followed.")
    st.dataframe(shown, hide_index=True, width="stretch", key="release_record_list", column_config={
        "Two-year risk (%)": st.column_config.NumberColumn(format="%.2f")})
    table_downloads(shown, "release_record_list", f"{chosen}: top {len(shown)} and what followed", about,
                    {"release": chosen})
