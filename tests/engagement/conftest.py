"""Fixtures for the engagement map: a tiny registry, and a seeded warehouse copy."""

from __future__ import annotations

from pathlib import Path

import pytest

from r2p.engagement.registry import Registry
from r2p.engagement.seed import load_seed, seed_frames
from r2p.warehouse import Warehouse
from tests.helpers.engagement import COUNTRIES, make_registry
from tests.helpers.warehouses import copy_of


@pytest.fixture
def registry() -> Registry:
    return make_registry()


@pytest.fixture(scope="session")
def seeded_template(template_warehouse: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo warehouse with the shipped seed registry loaded, built once per test process. Copy it to write."""
    built = copy_of(template_warehouse, tmp_path_factory.mktemp("seeded") / "r2p.duckdb")
    with built.write() as connection:
        load_seed(connection)
    return Path(built.location)


@pytest.fixture
def seeded(seeded_template: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Warehouse:
    """A private copy of the demo warehouse with the shipped seed registry loaded (as `r2p init` does), set as
    R2P_DB for the test."""
    copied = copy_of(seeded_template, tmp_path / "r2p.duckdb")
    monkeypatch.setenv("R2P_DB", copied.location)
    return copied


@pytest.fixture(scope="session")
def shipped() -> Registry:
    """The shipped seed registry (engagement/data/*.csv), parsed and validated, without a warehouse."""
    frames = seed_frames(set(COUNTRIES))
    return Registry.from_frames(*(frames[t].drop(columns="_row") for t in ("actors", "situations", "engagements")))
