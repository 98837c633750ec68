"""AppTest set-up shared by the page tests."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from streamlit.runtime.pages_manager import PagesManager


@pytest.fixture(autouse=True)
def navigation_mode_as_in_production(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Run app.py on every AppTest run, as the real server does.

    NOTE: the server switches off Streamlit's legacy `pages/` folder mode for good once app.py calls
    st.navigation. AppTest (1.67) resets that flag before every run and, because our pages live in
    `pages/`, re-runs only the page script after the first run, skipping app.py (router, sidebar, URL).
    """
    original = PagesManager.__init__

    def init(self: PagesManager, *args: object, **kwargs: object) -> None:
        original(self, *args, **kwargs)
        PagesManager.uses_pages_directory = False

    monkeypatch.setattr(PagesManager, "__init__", init)
    yield
