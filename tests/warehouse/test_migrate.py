"""Numbered migrations: a fresh build reaches the latest version; an older warehouse upgrades in place."""

from __future__ import annotations

from pathlib import Path

import duckdb

from r2p.ops.build import initialise
from r2p.warehouse import Warehouse
from r2p.warehouse.migrate import latest_version, migrations, schema_version
from tests.helpers.data import FIXED_TODAY
from tests.helpers.warehouses import old_warehouse


def test_migrations_are_numbered_without_gaps() -> None:
    assert [m.version for m in migrations()] == list(range(1, latest_version() + 1))


def test_a_version_1_warehouse_upgrades_in_place_and_keeps_its_data(tmp_path: Path) -> None:
    path = old_warehouse(tmp_path / "old.duckdb", 1, "table", "table-long", "old.csv",
                         ("SDN", "wdi.infant_mortality", 2001, 61.5))
    with duckdb.connect(str(path)) as connection:
        assert schema_version(connection) == 1
        assert "review" not in {r[0] for r in connection.execute("SHOW TABLES").fetchall()}

    report = initialise(Warehouse(str(path)), today=FIXED_TODAY)

    assert report.migrations_applied == list(range(2, latest_version() + 1))
    with duckdb.connect(str(path), read_only=True) as connection:
        assert schema_version(connection) == latest_version()
        assert connection.execute("SELECT value FROM observation WHERE iso3 = 'SDN' AND period = 2001"
                                  " AND indicator_id = 'wdi.infant_mortality'").fetchall() == [(61.5,)]
        assert connection.execute("SELECT count(*) FROM review").fetchone()[0] == 0
    # Real data was present, so the upgrade did not add demo data on top of it.
    assert report.demo == "kept-real-data"
