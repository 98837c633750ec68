"""Meeting prep: one situation's picture for an emergency meeting (the briefing pack arrives with issue #6)."""

import streamlit as st

from r2p.ui import cache
from r2p.ui.banner import demo_banner
from r2p.ui.state import view

current = view()
names = cache.countries().set_index("iso3")["name"]
demo_banner(bool(cache.data_sources()["is_demo"].any()))

st.title("Meeting prep")
st.subheader(f"Situation: {names[current.country]}")
st.info("The briefing pack (PDF/PPTX) is not available yet. Use the Country and Trends pages for the risk picture.")
