"""AppTest set-up shared by the page tests, and the demo warehouse with reviews opened (built once, copied)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from r2p.ui.navigation import production_navigation
from r2p.warehouse import Warehouse
from tests.helpers.pages import opened_reviews
from tests.helpers.warehouses import copy_of


@pytest.fixture(autouse=True)
def navigation_mode_as_in_production() -> Iterator[None]:
    """Run app.py on every AppTest run, as the real server does (see r2p/ui/navigation.py for why)."""
    with production_navigation():
        yield


@pytest.fixture(scope="session")
def reviewed_template_warehouse(template_warehouse: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo warehouse with its trigger reviews opened (half overdue), built once per test process."""
    reviewed = copy_of(template_warehouse, tmp_path_factory.mktemp("reviewed") / "r2p.duckdb")
    opened_reviews(reviewed)
    return reviewed.path


@pytest.fixture
def with_reviews(reviewed_template_warehouse: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Warehouse:
    """A private copy of the demo warehouse with its reviews opened, set as R2P_DB for the test."""
    copied = copy_of(reviewed_template_warehouse, tmp_path / "r2p.duckdb")
    monkeypatch.setenv("R2P_DB", copied.location)
    return copied
