"""What runs before every page: make sure a warehouse exists, resolve the view, draw the sidebar."""

from __future__ import annotations

import streamlit as st

from r2p.ops.build import initialise
from r2p.ui.cache import SNAPSHOT
from r2p.ui.sidebar import render_sidebar
from r2p.ui.state import show_notices, sync_view
from r2p.warehouse import Warehouse, WarehouseError
from r2p.warehouse.migrate import latest_version, schema_version


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
