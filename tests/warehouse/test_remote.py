"""Warehouses that are not a local file: MotherDuck (`md:`) and the in-process stand-in used to exercise it.

NOTE: MotherDuck cannot be reached from here (no network, no token). The stand-in is `:memory:NAME`, a
named in-memory DuckDB that every connection of this process shares: like MotherDuck it is not a file, so
it takes the same code path (plain transactions, no file-version token, readers asking the data what
changed), and a second `duckdb.connect(NAME)` plays another machine writing to the same database.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from datetime import UTC, datetime

import duckdb
import pandas as pd
import pytest

from r2p.access.rights import command_line_user
from r2p.ops.build import ingest_and_score, initialise
from r2p.warehouse import Warehouse, WarehouseError
from r2p.warehouse.ingest.framework import load_staged
from r2p.warehouse.ingest.result import Staged
from r2p.warehouse.migrate import latest_version
from r2p.warehouse.queries import query
from r2p.warehouse.status import warehouse_status
from tests.helpers.cli import r2p
from tests.helpers.data import EXAMPLES, FIXED_TODAY


@pytest.fixture(scope="module")
def stand_in() -> Iterator[Warehouse]:
    """A remote-style warehouse with the schema and reference data (no demo: it is built in memory)."""
    warehouse = Warehouse(f":memory:r2p-{uuid.uuid4().hex[:8]}")
    initialise(warehouse, want_demo=False, today=FIXED_TODAY)
    yield warehouse


def another_machine_loads(warehouse: Warehouse, value: float) -> None:
    """An ingest done by another client of the same database, not through this process's Warehouse."""
    observations = pd.DataFrame({"iso3": ["SDN"], "indicator_id": ["ewp.risk_2yr"], "period": [2024],
                                 "value": [value]})
    staged = Staged(kind="table-long", rows_read=1, observations=observations)
    with duckdb.connect(warehouse.location) as elsewhere:
        elsewhere.execute("BEGIN TRANSACTION")
        load_staged(elsewhere, "table", f"elsewhere-{value}.csv", uuid.uuid4().hex, staged, datetime.now(UTC))
        elsewhere.execute("COMMIT")


def sdn_risk(warehouse: Warehouse) -> float:
    values = query(warehouse, "read/indicator_values", {"indicator_id": "ewp.risk_2yr", "period": 2024})
    return float(values.set_index("iso3").at["SDN", "value"])


def test_a_remote_warehouse_is_built_loaded_and_read_without_any_file(stand_in: Warehouse) -> None:
    status = warehouse_status(stand_in)
    assert status["location"] == stand_in.location
    assert status["schema_version"] == latest_version()
    before = stand_in.version_token()
    result = ingest_and_score(stand_in, "table", EXAMPLES / "table_long.csv", user=command_line_user())
    assert result.status == "loaded", result.errors
    assert stand_in.version_token() != before
    values = query(stand_in, "read/indicator_values", {"indicator_id": "table.hate_rhetoric", "period": 2024})
    assert set(values["iso3"]) == {"SDN", "ETH"}
    with pytest.raises(WarehouseError, match="is a database, not a local file"):
        _ = stand_in.path


def test_a_write_by_another_client_changes_the_version_token_and_what_is_read(stand_in: Warehouse) -> None:
    token = stand_in.version_token()
    assert stand_in.version_token() == token  # nothing written: stable, so caches hold
    another_machine_loads(stand_in, 0.25)
    assert stand_in.version_token() != token
    assert sdn_risk(stand_in) == 0.25


def test_the_dashboard_cache_notices_a_remote_write(stand_in: Warehouse, monkeypatch: pytest.MonkeyPatch) -> None:
    from r2p.ui import cache  # the cached wrappers key on the version token

    monkeypatch.setenv("R2P_DB", stand_in.location)
    loads = len(cache.ingests())
    assert len(cache.ingests()) == loads
    another_machine_loads(stand_in, 0.5)
    assert len(cache.ingests()) == loads + 1


def test_a_failed_remote_write_is_rolled_back_whole(stand_in: Warehouse) -> None:
    countries, token = query(stand_in, "read/country_names"), stand_in.version_token()
    with pytest.raises(RuntimeError, match="boom"), stand_in.write() as connection:
        connection.execute("DELETE FROM country_alias")
        connection.execute("UPDATE country SET name = 'Renamed' WHERE iso3 = 'SDN'")
        raise RuntimeError("boom")
    pd.testing.assert_frame_equal(query(stand_in, "read/country_names"), countries)
    assert stand_in.version_token() == token


def test_parquet_events_need_a_database_that_can_be_attached(stand_in: Warehouse,
                                                             monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("R2P_EVENTS_PARQUET", "/nowhere/events")
    with pytest.raises(WarehouseError, match="needs a warehouse DuckDB can attach"):
        query(stand_in, "read/latest_event_date")


def test_motherduck_offline_gives_a_clear_error_naming_the_extension_and_the_token(
        monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("motherduck_token", "MOTHERDUCK_TOKEN"):
        monkeypatch.delenv(name, raising=False)
    warehouse = Warehouse("md:r2p_offline?motherduck_token=not-a-real-token")
    assert warehouse.label == "md:r2p_offline"
    with pytest.raises(WarehouseError) as raised:
        warehouse.reader()
    message = str(raised.value)
    assert message.startswith("Cannot open the MotherDuck warehouse md:r2p_offline:")
    assert "not-a-real-token" not in message
    with duckdb.connect() as probe:
        installed = probe.execute("SELECT installed FROM duckdb_extensions() WHERE extension_name = 'motherduck'")
        if not installed.fetchall()[0][0]:
            assert "`INSTALL motherduck`" in message


def test_r2p_status_on_motherduck_offline_prints_the_error_not_a_traceback(
        monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("motherduck_token", "MOTHERDUCK_TOKEN"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("R2P_DB", "md:r2p_offline")
    result = r2p("status")
    assert result.returncode == 2
    assert "Cannot open the MotherDuck warehouse md:r2p_offline" in result.stderr
    assert "motherduck_token" in result.stderr
    assert "Traceback" not in result.stderr
