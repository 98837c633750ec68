"""AppTest set-up shared by the page tests."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from r2p.ui.navigation import production_navigation


@pytest.fixture(autouse=True)
def navigation_mode_as_in_production() -> Iterator[None]:
    """Run app.py on every AppTest run, as the real server does (see r2p/ui/navigation.py for why)."""
    with production_navigation():
        yield
