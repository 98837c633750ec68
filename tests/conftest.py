"""Shared fixtures: demo and empty warehouses built once per session and copied for each test that writes."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from r2p.warehouse import Warehouse
from tests.helpers.data import EXAMPLES, FIXED_TODAY, ROOT, SHARED_DATA, require_shared
from tests.helpers.warehouses import build, contents, copy_of

# NOTE: re-exported for tests that still import them from here; new code imports from tests.helpers.
__all__ = ["EXAMPLES", "FIXED_TODAY", "ROOT", "SHARED_DATA", "contents", "require_shared"]


def pytest_configure(config: pytest.Config) -> None:
    # Tests must never touch the user's warehouse under data/.
    os.environ["R2P_DB"] = str(Path(config.rootpath) / "test-artifacts" / "never-used.duckdb")


@pytest.fixture(scope="session")
def template_warehouse(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo warehouse, built once per test process. Never write to it: copy it (`warehouse`)."""
    return build(tmp_path_factory.mktemp("template") / "r2p.duckdb", demo=True)


@pytest.fixture(scope="session")
def empty_template_warehouse(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A warehouse with reference data only (no demo), built once per test process. Copy it to write."""
    return build(tmp_path_factory.mktemp("empty-template") / "r2p.duckdb", demo=False)


@pytest.fixture
def warehouse(template_warehouse: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Warehouse:
    """A private copy of the demo warehouse, set as R2P_DB for the test."""
    copied = copy_of(template_warehouse, tmp_path / "r2p.duckdb")
    monkeypatch.setenv("R2P_DB", copied.location)
    return copied
