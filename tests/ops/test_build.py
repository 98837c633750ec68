"""`r2p init`: reference data, demo data on first run, and idempotence."""

from __future__ import annotations

import shutil
from pathlib import Path

from r2p.ops.build import initialise
from r2p.warehouse import Warehouse
from r2p.warehouse.queries import query
from tests.helpers.data import FIXED_TODAY
from tests.helpers.warehouses import contents


def test_init_loads_every_country_and_the_demo(warehouse: Warehouse) -> None:
    countries = query(warehouse, "read/country_names")
    assert len(countries) == 198
    sources = query(warehouse, "read/source_status")
    assert list(sources["source_id"]) == ["demo"]
    assert sources["observations"].iloc[0] > 50_000 and sources["events"].iloc[0] > 10_000


def test_init_twice_leaves_the_same_contents(warehouse: Warehouse, tmp_path: Path) -> None:
    before = contents(warehouse.path)
    report = initialise(warehouse, today=FIXED_TODAY)
    assert report.demo == "unchanged" and report.migrations_applied == []
    assert contents(warehouse.path) == before


def test_no_demo_removes_demo_data(warehouse: Warehouse) -> None:
    report = initialise(warehouse, want_demo=False, today=FIXED_TODAY)
    assert report.demo == "removed"
    assert query(warehouse, "read/source_status").empty
    assert len(query(warehouse, "read/country_names")) == 198


def test_a_fresh_build_without_demo_has_reference_data_only(tmp_path: Path) -> None:
    fresh = Warehouse(str(tmp_path / "fresh.duckdb"))
    report = initialise(fresh, want_demo=False, today=FIXED_TODAY)
    assert report.demo == "absent" and report.countries == 198
    assert query(fresh, "read/indicators_with_data").empty
    shutil.rmtree(tmp_path)
