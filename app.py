"""R2P Watch: page config, navigation and the shared sidebar."""

import streamlit as st

from r2p.ui.shell import prepare_page

st.set_page_config(page_title="R2P Watch", layout="wide")
# NOTE: each url_path equals its file's stem, so a link resolves the same way before and after the server
# leaves Streamlit's legacy pages/ mode (see r2p/ui/navigation.py).
navigation = st.navigation(
    [
        st.Page("pages/overview.py", title="Overview", default=True),
        st.Page("pages/country.py", title="Country", url_path="country"),
        st.Page("pages/trends.py", title="Trends", url_path="trends"),
        st.Page("pages/engagement.py", title="Engagement", url_path="engagement"),
        st.Page("pages/meeting_prep.py", title="Meeting prep", url_path="meeting_prep"),
        st.Page("pages/reviews.py", title="Reviews", url_path="reviews"),
        st.Page("pages/data_methods.py", title="Data & methods", url_path="data_methods"),
        st.Page("pages/audit.py", title="Audit log", url_path="audit"),
    ]
)
prepare_page()
navigation.run()
