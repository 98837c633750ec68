"""Labels every page must carry: DEMO while demo data is shown, and provenance under figures."""

from __future__ import annotations

import streamlit as st

from r2p.provenance import Provenance

DEMO_TEXT = (
    "DEMO — synthetic data generated for demonstration. Not real observations; do not cite. "
    "Load real data with `r2p ingest`."
)


def demo_banner(is_demo: bool) -> None:
    if is_demo:
        st.error(f"**{DEMO_TEXT}**")


def provenance_caption(about: Provenance) -> None:
    """The caption under a figure or table: source and as-of, and DEMO where it applies."""
    label = "DEMO data · " if about.is_demo else ""
    st.caption(f"{label}Source: {about.sources} · as of {format_date(about.as_of)}")


def format_date(value: object) -> str:
    """Dates as YYYY-MM-DD; 'unknown' for missing ones."""
    if value is None or (isinstance(value, float) and value != value) or str(value) in ("NaT", "None", ""):
        return "unknown"
    return str(value)[:10]
