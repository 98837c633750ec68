"""The one workaround for Streamlit's legacy `pages/` folder mode, used by the server, the page tests and the bench.

NOTE: because our pages live in `pages/`, a fresh server treats the app as a legacy (folder-based) multipage app
until app.py has called st.navigation once. A direct link such as /country opened as a server's very first request
would then run the page without app.py (no router, sidebar or URL state). AppTest (1.67) goes further: it resets
the flag before every run and then re-runs only the page script, skipping app.py.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

import streamlit as st
from streamlit.runtime.pages_manager import PagesManager


def leave_legacy_pages_mode() -> None:
    """On a server still in legacy mode, switch it off and rerun, so the first request goes through app.py."""
    if PagesManager.uses_pages_directory:
        PagesManager.uses_pages_directory = False
        st.rerun()


@contextmanager
def production_navigation() -> Iterator[None]:
    """Within this block, every AppTest run goes through app.py, as every run on the real server does."""
    original = PagesManager.__init__

    def init(self: PagesManager, *args: object, **kwargs: object) -> None:
        original(self, *args, **kwargs)
        PagesManager.uses_pages_directory = False

    PagesManager.__init__ = init  # type: ignore[method-assign]
    try:
        yield
    finally:
        PagesManager.__init__ = original  # type: ignore[method-assign]
