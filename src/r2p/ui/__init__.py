"""Streamlit-facing layer: cached data access, URL state, the shared sidebar, and figure builders."""

import streamlit as st
from streamlit.runtime.pages_manager import PagesManager

# NOTE: because our pages live in `pages/`, a fresh server treats the app as a legacy (folder-based)
# multipage app until app.py has called st.navigation once. A direct link such as /country opened as a
# server's very first request would then run the page without app.py (no router, sidebar or URL state).
# Switching the legacy mode off and rerunning sends that first request through app.py like every other.
if PagesManager.uses_pages_directory:
    PagesManager.uses_pages_directory = False
    st.rerun()
