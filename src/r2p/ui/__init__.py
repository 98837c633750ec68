"""Streamlit-facing layer: cached data access, URL state, the shared sidebar, and figure builders."""
