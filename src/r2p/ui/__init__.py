"""Streamlit-facing layer: widgets, cached data access, URL state, the shared sidebar and sign-in."""

from r2p.ui.navigation import leave_legacy_pages_mode

# NOTE: on import, because a page opened by a direct link as a fresh server's first request imports r2p.ui
# before app.py has ever run (see r2p/ui/navigation.py).
leave_legacy_pages_mode()
