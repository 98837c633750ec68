"""Numbered migrations: a fresh build reaches the latest version; an older warehouse upgrades in place."""

from __future__ import annotations

from pathlib import Path

import duckdb

from r2p.ops.build import initialise
from r2p.warehouse import Warehouse
from r2p.warehouse.migrate import latest_version, migrate, migrations, schema_version
from tests.helpers.data import FIXED_TODAY


def test_migrations_are_numbered_without_gaps() -> None:
    assert [m.version for m in migrations()] == list(range(1, latest_version() + 1))


def test_a_version_1_warehouse_upgrades_in_place_and_keeps_its_data(tmp_path: Path) -> None:
    path = tmp_path / "old.duckdb"
    with duckdb.connect(str(path)) as connection:
        migrate(connection, target=1)
        connection.execute("INSERT INTO source VALUES ('table', 'Old', '', '', '', '', false)")
        connection.execute("INSERT INTO ingest (source_id, kind, file_name, sha256, rows_read, rows_loaded,"
                           " rows_rejected, started_at, finished_at, status) VALUES ('table', 'table-long',"
                           " 'old.csv', 'abc', 1, 1, 0, now(), now(), 'loaded')")
        connection.execute("INSERT INTO observation VALUES ('SDN', 'wdi.infant_mortality', 2001, 61.5, 1)")
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
