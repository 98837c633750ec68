"""Reviews: reviews opened by triggers and the decisions taken (triggers arrive with issue #4)."""

import streamlit as st

from r2p.ui import cache
from r2p.ui.banner import demo_banner

demo_banner(bool(cache.data_sources()["is_demo"].any()))

st.title("Reviews")
st.info("No trigger rules are defined yet, so no reviews have been opened.")
