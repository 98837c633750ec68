"""The rewritten slow page query returns exactly what its previous text returned, on the demo warehouse.

tests/bench/baseline_sql/ holds the query as it was before it was made fast (issue 16, Speed); the test runs
both texts with the same parameters and compares the frames: columns, types and values, in order."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest
from pandas.testing import assert_frame_equal

from r2p.read import profile
from r2p.warehouse.store import Warehouse

BASELINE = Path(__file__).parent / "baseline_sql"


def _baseline(warehouse: Warehouse, name: str, params: dict | None = None) -> pd.DataFrame:
    cursor = warehouse.reader().cursor()
    try:
        return cursor.execute((BASELINE / f"{name}.sql").read_text(encoding="utf-8"), params or {}).df()
    finally:
        cursor.close()


@pytest.fixture(scope="module")
def demo(template_warehouse: Path) -> Warehouse:
    return Warehouse(str(template_warehouse))


@pytest.fixture(scope="module")
def held(demo: Warehouse) -> pd.DataFrame:
    """iso3, last_date of every country holding events (the demo holds events for several)."""
    countries = _baseline(demo, "countries_with_events")
    assert len(countries) > 1
    return countries


def test_recent_country_events_unchanged(demo: Warehouse, held: pd.DataFrame) -> None:
    rows = 0
    for iso3 in [*held["iso3"], "XXX"]:
        new = profile.recent_events(demo, iso3)
        assert_frame_equal(new, _baseline(demo, "recent_country_events", {"iso3": iso3}))
        rows += len(new)
    assert rows > 0
