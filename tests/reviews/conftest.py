"""The demo warehouse as it was before any trigger run: no review yet (`r2p init` opens the demo's reviews)."""

from __future__ import annotations

import pytest

from r2p.warehouse import Warehouse


@pytest.fixture
def unreviewed(warehouse: Warehouse) -> Warehouse:
    """A private copy of the demo warehouse with the reviews `r2p init` opened removed (set as R2P_DB)."""
    with warehouse.write() as connection:
        connection.execute("DELETE FROM review")  # NOTE: test set-up only; nothing in R2P Watch deletes a review
    return warehouse
