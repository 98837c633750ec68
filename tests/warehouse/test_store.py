"""The warehouse store: copy-on-write writers, version-aware readers, and no lost or half-written data."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import duckdb
import pytest

from r2p.warehouse import Warehouse, WarehouseError
from r2p.warehouse.queries import query
from tests.helpers.data import EXAMPLES
from tests.helpers.warehouses import contents


def test_a_failed_write_leaves_the_file_byte_for_byte_unchanged(warehouse: Warehouse) -> None:
    before = warehouse.path.read_bytes()
    with pytest.raises(RuntimeError, match="boom"), warehouse.write() as connection:
        connection.execute("DELETE FROM observation")
        raise RuntimeError("boom")
    assert warehouse.path.read_bytes() == before
    assert list(warehouse.versions_dir.glob("*")) == []


def test_an_open_reader_keeps_working_and_then_sees_the_new_version(warehouse: Warehouse) -> None:
    before = query(warehouse, "read/country_names")
    held = warehouse.reader()
    with warehouse.write() as connection:
        connection.execute("UPDATE country SET name = 'Renamed' WHERE iso3 = 'SDN'")
    # The connection opened before the write still reads the old version, whole.
    old = held.cursor().execute("SELECT name FROM country WHERE iso3 = 'SDN'").fetchone()[0]
    assert old == before.set_index("iso3").at["SDN", "name"]
    assert query(warehouse, "read/country_names").set_index("iso3").at["SDN", "name"] == "Renamed"


@pytest.mark.slow  # a second process is the point
def test_another_process_can_write_while_this_one_holds_the_file_open(warehouse: Warehouse) -> None:
    """The dashboard keeps a read connection open; `r2p ingest` in another process must still succeed."""
    warehouse.reader().cursor().execute("SELECT count(*) FROM observation").fetchone()
    result = subprocess.run(
        [sys.executable, "-m", "r2p.cli", "ingest", "table", str(EXAMPLES / "table_long.csv")],
        capture_output=True, text=True, check=False,
    )
    assert result.returncode == 0, result.stderr
    values = query(warehouse, "read/indicator_values", {"indicator_id": "table.hate_rhetoric", "period": 2024})
    assert set(values["iso3"]) == {"SDN", "ETH"}


def test_a_stray_version_from_a_killed_writer_is_cleaned_and_harmless(warehouse: Warehouse) -> None:
    warehouse.versions_dir.mkdir()
    stray = warehouse.versions_dir / "999-deadbeef.duckdb"
    stray.write_bytes(b"half a database")
    before = contents(warehouse.path)
    with warehouse.write() as connection:
        connection.execute("SELECT 1")
    assert not stray.exists()
    assert contents(warehouse.path) == before
    assert [p.name for p in warehouse.versions_dir.iterdir()] == [warehouse.current_file().name]


def test_each_write_is_a_new_version_file_and_the_path_follows_it(warehouse: Warehouse) -> None:
    names = []
    for value in ("a", "b"):
        with warehouse.write() as connection:
            connection.execute("UPDATE country SET name = $v WHERE iso3 = 'SDN'", {"v": value})
        names.append(warehouse.current_file().name)
        assert query(warehouse, "read/country_names").set_index("iso3").at["SDN", "name"] == value
    assert warehouse.path.is_symlink() and names[0] != names[1]


def test_reading_a_missing_warehouse_says_how_to_build_it(tmp_path: Path) -> None:
    with pytest.raises(WarehouseError, match="r2p init"):
        Warehouse(str(tmp_path / "absent.duckdb")).reader()


def test_a_non_file_location_writes_in_one_transaction(tmp_path: Path) -> None:
    """Stand-in for a MotherDuck database: a location that is not a local file path."""
    remote = Warehouse(":memory:")
    with remote.write() as connection:
        connection.execute("CREATE TABLE t (x INTEGER)")
    with pytest.raises(duckdb.Error), remote.write() as connection:
        connection.execute("INSERT INTO t VALUES (1)")
        connection.execute("INSERT INTO missing_table VALUES (1)")
    assert remote.reader().cursor().execute("SELECT count(*) FROM t").fetchone()[0] == 0


WRITER = """
import sys
from r2p.warehouse import Warehouse
warehouse = Warehouse(sys.argv[1])
for i in range(int(sys.argv[3])):
    with warehouse.write() as connection:
        connection.execute("INSERT INTO audit_log (logged_at, actor, action, entity, entity_id)"
                           " VALUES (now(), $who, 'test', 'test', $i)", {"who": sys.argv[2], "i": str(i)})
"""


@pytest.mark.slow  # a second process is the point
def test_concurrent_writers_from_several_processes_lose_nothing(warehouse: Warehouse) -> None:
    """Two editors and a reader at once: every write lands, each exactly once."""
    writers = [subprocess.Popen([sys.executable, "-c", WRITER, str(warehouse.path), who, "8"])
               for who in ("alice", "bob")]
    while any(w.poll() is None for w in writers):
        assert query(warehouse, "read/country_names")["iso3"].is_unique  # a reader keeps reading meanwhile
    assert [w.returncode for w in writers] == [0, 0]
    rows = warehouse.reader().cursor().execute(
        "SELECT actor, count(*), count(DISTINCT entity_id) FROM audit_log WHERE action = 'test' GROUP BY actor"
        " ORDER BY actor").fetchall()
    assert rows == [("alice", 8, 8), ("bob", 8, 8)]


def test_a_snapshot_reads_one_version_while_writers_swap_in_new_ones(warehouse: Warehouse) -> None:
    snapshot = warehouse.snapshot()
    token = snapshot.version_token()
    before = query(snapshot, "read/country_names")
    for _ in range(2):
        with warehouse.write() as connection:
            connection.execute("DELETE FROM country WHERE iso3 = (SELECT min(iso3) FROM country)")
    assert snapshot.version_token() == token != warehouse.version_token()
    assert query(snapshot, "read/country_names").equals(before)
    assert len(query(warehouse, "read/country_names")) == len(before) - 2
    assert warehouse.snapshot().version_token() == warehouse.version_token()
