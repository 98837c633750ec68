"""What runs before every page: make sure a warehouse exists, resolve the view, draw the sidebar."""

from __future__ import annotations

import streamlit as st

from r2p.ops.build import initialise
from r2p.ui.cache import SNAPSHOT
from r2p.ui.sidebar import render_sidebar
from r2p.ui.state import show_notices, sync_view
from r2p.warehouse import Warehouse, WarehouseError
from r2p.warehouse.migrate import latest_version, schema_version

# Static CSS, the one raw HTML the shell sends (tests/test_input_safety.py allows exactly this constant).
# Print (Country and Meeting prep are printed for meetings): the page's words, charts and tables without the
# sidebar, the toolbar or any widget. Phone width (WCAG 1.4.10 reflow): nothing makes the body scroll sideways.
PAGE_CSS = """<style>
@media print {
  [data-testid="stSidebar"], [data-testid="stHeader"], [data-testid="stToolbar"], [data-testid="stDecoration"],
  [data-testid="stSidebarCollapsedControl"], [data-testid="stStatusWidget"], [data-testid="stPopover"],
  [data-testid="stDownloadButton"], [data-testid="stButton"], [data-testid="stFormSubmitButton"],
  [data-testid="stSelectbox"], [data-testid="stMultiSelect"], [data-testid="stDateInput"],
  [data-testid="stRadio"], [data-testid="stSlider"], [data-testid="stTextInput"], [data-testid="stTextArea"],
  [data-testid="stForm"], [data-testid="stExpander"], .modebar-container { display: none !important; }
  [data-testid="stMain"] { margin-left: 0 !important; }
  [data-testid="stMainBlockContainer"] { max-width: 100% !important; padding: 0 1rem !important; }
  [data-testid="stVerticalBlock"] > div { break-inside: avoid; }
}
@media (max-width: 640px) {
  [data-testid="stMainBlockContainer"] { padding-left: 1rem; padding-right: 1rem; }
  [data-testid="stMarkdownContainer"], [data-testid="stCaptionContainer"] { overflow-wrap: anywhere; }
  [data-testid="stCode"] pre, [data-testid="stTable"] { max-width: 100%; overflow-x: auto; }
}
</style>"""


def prepare_page() -> None:
    """Stops the script with a clear message when the warehouse cannot be used."""
    try:
        _ensure_warehouse()
        # NOTE: every query of this run reads the version current now, even if an ingest lands mid-run.
        st.session_state[SNAPSHOT] = Warehouse.default().snapshot()
        sync_view()
    except WarehouseError as error:
        st.error(str(error))
        st.stop()
    st.html(PAGE_CSS)
    render_sidebar()
    show_notices()


def _ensure_warehouse() -> None:
    warehouse = Warehouse.default()
    if warehouse.exists() and _is_current(warehouse.location, warehouse.version_token()):
        return
    with st.spinner("Building the warehouse (first run, or an upgrade)…"):
        initialise(warehouse)


@st.cache_data(show_spinner=False)
def _is_current(location: str, version: str) -> bool:
    cursor = Warehouse(location).reader().cursor()
    try:
        return schema_version(cursor) >= latest_version()
    finally:
        cursor.close()
