"""Fixtures for the engagement map: a tiny registry, and a seeded warehouse copy."""

from __future__ import annotations

import pytest

from r2p.engagement.registry import Registry
from r2p.engagement.seed import load_seed
from r2p.warehouse import Warehouse
from tests.helpers.engagement import make_registry


@pytest.fixture
def registry() -> Registry:
    return make_registry()


@pytest.fixture
def seeded(warehouse: Warehouse) -> Warehouse:
    """The test's demo warehouse with the shipped seed registry loaded (as `r2p init` will do)."""
    with warehouse.write() as connection:
        load_seed(connection)
    return warehouse
