"""Engagement: which UN bodies and US offices are engaged on each situation (registry arrives with issue #5)."""

import streamlit as st

from r2p.ui import cache
from r2p.ui.banner import demo_banner
from r2p.ui.state import view

current = view()
names = cache.countries().set_index("iso3")["name"]
demo_banner(bool(cache.data_sources()["is_demo"].any()))

st.title("Engagement")
st.info(f"The actor registry and engagement matrix are not loaded yet, so no engagement on "
        f"{names[current.country]} can be shown. Nothing here is a finding of 'no engagement'.")
