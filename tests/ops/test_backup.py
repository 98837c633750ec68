"""Backups: a round trip gives back the same warehouse, and a damaged backup is refused with nothing touched."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest

from r2p.access.rights import PermissionDenied, Role, User
from r2p.ops.backup import MANIFEST, BackupError, _manifest_checksum, backup, restore, verify
from r2p.tiers.assessment import record_assessment
from r2p.warehouse import Warehouse
from r2p.warehouse.audit import verify_audit_chain
from r2p.warehouse.migrate import migrate
from tests.helpers.warehouses import contents

ADMIN = User("admin@example.org", Role.ADMIN, "local account")


def schema(path: Path) -> list[tuple]:
    """Every table's columns with their types, nullability and defaults, plus the sequences."""
    with duckdb.connect(str(path), read_only=True) as connection:
        columns = connection.execute(
            "SELECT table_name, column_name, ordinal_position, data_type, is_nullable, column_default"
            " FROM information_schema.columns WHERE table_schema = 'main' ORDER BY ALL").fetchall()
        sequences = connection.execute("SELECT sequence_name FROM duckdb_sequences() ORDER BY 1").fetchall()
    return columns + sequences


def without_the_restore_row(tables: dict[str, list[tuple]], actor: str) -> dict[str, list[tuple]]:
    """The restored warehouse holds one more audit row: the restore itself, by `actor`. Take it out, once."""
    column = {"actor": 2, "action": 3, "entity": 4}
    restores = [r for r in tables["audit_log"] if r[column["action"]] == "restore"]
    assert len(restores) == 1 and restores[0][column["actor"]] == actor
    assert restores[0][column["entity"]] == "warehouse"
    return {**tables, "audit_log": [r for r in tables["audit_log"] if r is not restores[0]]}


def test_a_round_trip_gives_an_identical_warehouse(warehouse: Warehouse, tmp_path: Path) -> None:
    manifest = backup(warehouse, tmp_path / "backup")
    fresh = Warehouse(str(tmp_path / "elsewhere" / "r2p.duckdb"))
    restore(fresh, tmp_path / "backup", ADMIN)
    assert without_the_restore_row(contents(fresh.path), ADMIN.name) == contents(warehouse.path)
    assert schema(fresh.path) == schema(warehouse.path)
    assert manifest["tables"]["observation"] == len(contents(warehouse.path)["observation"]) > 0


def test_the_manifest_records_versions_counts_and_a_checksum_per_file(warehouse: Warehouse, tmp_path: Path) -> None:
    backup(warehouse, tmp_path / "backup")
    manifest = json.loads((tmp_path / "backup" / MANIFEST).read_text())
    on_disk = sorted(p.name for p in (tmp_path / "backup").iterdir() if p.name != MANIFEST)
    assert sorted(manifest["files"]) == on_disk and {"schema.sql", "load.sql", "observation.parquet"} <= set(on_disk)
    assert manifest["tables"] == {name: len(rows) for name, rows in contents(warehouse.path).items()}
    assert manifest["duckdb_version"] == duckdb.__version__ and manifest["created_at"].endswith("+00:00")
    assert manifest["migrations"][-1] == manifest["schema_version"]


def test_restore_over_a_changed_warehouse_brings_the_old_contents_back(warehouse: Warehouse, tmp_path: Path) -> None:
    before = contents(warehouse.path)
    backup(warehouse, tmp_path / "backup")
    with warehouse.write() as connection:
        connection.execute("DELETE FROM observation")
        connection.execute("UPDATE country SET name = 'Changed' WHERE iso3 = 'SDN'")
    restore(warehouse, tmp_path / "backup", ADMIN)
    after = contents(warehouse.path)
    assert without_the_restore_row(after, ADMIN.name) == before
    logged = warehouse.reader().cursor().execute(
        "SELECT before, after FROM audit_log WHERE action = 'restore'").fetchall()[0]
    assert json.loads(logged[0])["tables"]["observation"] == 0
    assert json.loads(logged[1])["tables"]["observation"] == len(before["observation"])


def _edit_a_count(folder: Path) -> None:
    manifest = json.loads((folder / MANIFEST).read_text())
    manifest["tables"]["observation"] += 1
    (folder / MANIFEST).write_text(json.dumps(manifest))


def _flip_a_byte(folder: Path) -> None:
    data = bytearray((folder / "observation.parquet").read_bytes())
    data[len(data) // 2] ^= 0xFF
    (folder / "observation.parquet").write_bytes(bytes(data))


def _truncate(folder: Path) -> None:
    data = (folder / "event.parquet").read_bytes()
    (folder / "event.parquet").write_bytes(data[: len(data) // 2])


DAMAGE = {
    "edited manifest": (_edit_a_count, "manifest.json: changed after the backup was made"),
    "deleted parquet": (lambda f: (f / "risk_score.parquet").unlink(), "risk_score.parquet: missing"),
    "flipped byte": (_flip_a_byte, "observation.parquet: its contents changed"),
    "truncated file": (_truncate, "event.parquet: .* bytes, the manifest says"),
    "deleted manifest": (lambda f: (f / MANIFEST).unlink(), "manifest.json: missing"),
    "manifest not JSON": (lambda f: (f / MANIFEST).write_text("{not json"), "manifest.json: not a readable"),
}


@pytest.mark.parametrize("damage", DAMAGE)
def test_a_damaged_backup_is_refused_naming_the_file_and_nothing_changes(
        warehouse: Warehouse, tmp_path: Path, damage: str) -> None:
    folder = tmp_path / "backup"
    backup(warehouse, folder)
    with warehouse.write() as connection:
        connection.execute("UPDATE country SET name = 'Since the backup' WHERE iso3 = 'SDN'")
    spoil, message = DAMAGE[damage]
    spoil(folder)
    version, before = warehouse.current_file(), warehouse.path.read_bytes()
    with pytest.raises(BackupError, match=message):
        restore(warehouse, folder, ADMIN)
    assert warehouse.current_file() == version and warehouse.path.read_bytes() == before
    assert [p.name for p in warehouse.versions_dir.iterdir()] == [version.name]


def test_a_forged_row_count_is_caught_after_import_and_nothing_changes(warehouse: Warehouse, tmp_path: Path) -> None:
    """A manifest edited with its checksum recomputed still has to match what the Parquet files hold."""
    folder = tmp_path / "backup"
    backup(warehouse, folder)
    manifest = json.loads((folder / MANIFEST).read_text())
    manifest["tables"]["observation"] -= 1
    manifest["checksum"] = _manifest_checksum(manifest)
    (folder / MANIFEST).write_text(json.dumps(manifest))
    version, before = warehouse.current_file(), contents(warehouse.path)
    with pytest.raises(BackupError, match="observation do not hold the rows"):
        restore(warehouse, folder, ADMIN)
    assert warehouse.current_file() == version and contents(warehouse.path) == before
    assert [p for p in warehouse.versions_dir.glob("*") if p != version] == []  # the new version was removed


@pytest.mark.parametrize("role", [Role.VIEWER, Role.EDITOR])
def test_only_an_admin_may_restore(warehouse: Warehouse, tmp_path: Path, role: Role) -> None:
    backup(warehouse, tmp_path / "backup")
    version = warehouse.current_file()
    with pytest.raises(PermissionDenied, match="admin"):
        restore(warehouse, tmp_path / "backup", User("someone@example.org", role, "local account"))
    assert warehouse.current_file() == version


def test_backup_refuses_a_folder_that_holds_something_else(warehouse: Warehouse, tmp_path: Path) -> None:
    folder = tmp_path / "papers"
    folder.mkdir()
    (folder / "notes.txt").write_text("keep me")
    with pytest.raises(BackupError, match="papers is not empty and holds no R2P Watch backup"):
        backup(warehouse, folder)
    assert [p.name for p in folder.iterdir()] == ["notes.txt"]
    assert [p.name for p in tmp_path.iterdir() if "papers" in p.name] == ["papers"]


def test_a_new_backup_replaces_an_earlier_one_in_the_same_folder(warehouse: Warehouse, tmp_path: Path) -> None:
    folder = tmp_path / "backup"
    first = backup(warehouse, folder)
    with warehouse.write() as connection:
        connection.execute("DELETE FROM event")
    second = backup(warehouse, folder)
    assert first["tables"]["event"] > 0 and second["tables"]["event"] == 0
    assert verify(folder) == second
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".backup")) == []


def test_a_failed_backup_leaves_no_folder_behind(warehouse: Warehouse, tmp_path: Path,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    def disk_full(path: Path) -> dict:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr("r2p.ops.backup._describe", disk_full)
    with pytest.raises(OSError, match="No space"):
        backup(warehouse, tmp_path / "backup")
    assert not (tmp_path / "backup").exists()
    assert [p.name for p in tmp_path.iterdir() if "backup" in p.name] == []


WRITER = """
import sys
from r2p.warehouse import Warehouse
warehouse = Warehouse(sys.argv[1])
for i in range(int(sys.argv[2])):
    with warehouse.write() as connection:  # two rows per write: a consistent snapshot has both or neither
        for half in ("a", "b"):
            connection.execute("INSERT INTO country_alias VALUES ($alias, 'SDN')", {"alias": f"pair-{i}-{half}"})
"""


@pytest.mark.slow  # a second process is the point
def test_a_backup_taken_while_another_process_writes_is_a_consistent_snapshot(
        warehouse: Warehouse, tmp_path: Path) -> None:
    writer = subprocess.Popen([sys.executable, "-c", WRITER, str(warehouse.path), "40"])
    seen = []
    while writer.poll() is None or not seen:
        folder = tmp_path / f"backup-{len(seen)}"
        manifest = backup(warehouse, folder)
        with duckdb.connect() as connection:
            halves = connection.execute(
                "SELECT count(*) FILTER (alias LIKE 'pair-%-a'), count(*) FILTER (alias LIKE 'pair-%-b'), count(*)"
                " FROM read_parquet($file)", {"file": str(folder / "country_alias.parquet")}).fetchall()[0]
        assert halves[0] == halves[1] and halves[2] == manifest["tables"]["country_alias"]
        seen.append(halves[0])
    assert writer.wait() == 0
    restore(warehouse, tmp_path / f"backup-{len(seen) - 1}", ADMIN)
    pairs = warehouse.reader().cursor().execute(
        "SELECT count(*) FROM country_alias WHERE alias LIKE 'pair-%'").fetchall()[0][0]
    assert pairs == 2 * seen[-1]
    print(f"\nbackups during writes: {len(seen)}, pairs seen {seen}")


def test_a_non_file_location_backs_up_and_restores_in_one_transaction(tmp_path: Path) -> None:
    """Stand-in for a MotherDuck (`md:`) warehouse: not a file, so restore drops and rebuilds in one transaction."""
    remote = Warehouse(":memory:")
    with remote.write() as connection:
        migrate(connection)
        connection.execute("INSERT INTO country_alias VALUES ('kept', 'SDN')")
    backup(remote, tmp_path / "backup")
    with remote.write() as connection:
        connection.execute("DELETE FROM country_alias")
    restore(remote, tmp_path / "backup", ADMIN)
    cursor = remote.reader().cursor()
    assert cursor.execute("SELECT alias FROM country_alias").fetchall() == [("kept",)]
    assert cursor.execute("SELECT count(*) FROM audit_log WHERE action = 'restore'").fetchall()[0][0] == 1


def test_with_events_in_parquet_the_backup_holds_the_warehouse_tables(
        warehouse: Warehouse, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """R2P_EVENTS_PARQUET makes the reader a database of views; the backup must still be of the tables."""
    events = tmp_path / "events.parquet"
    with duckdb.connect(str(warehouse.path), read_only=True) as connection:
        connection.execute("COPY (SELECT * FROM event LIMIT 10) TO $file (FORMAT parquet)", {"file": str(events)})
    monkeypatch.setenv("R2P_EVENTS_PARQUET", str(events))
    manifest = backup(warehouse, tmp_path / "backup")
    assert manifest["tables"] == {name: len(rows) for name, rows in contents(warehouse.path).items()}
    assert manifest["tables"]["event"] > 10


def test_restore_keeps_every_audit_row_written_since_the_backup(warehouse: Warehouse, tmp_path: Path) -> None:
    def log() -> list[tuple]:
        return warehouse.reader().cursor().execute("SELECT * FROM audit_log ORDER BY audit_id").fetchall()

    backup(warehouse, tmp_path / "backup")
    backed_up = contents(warehouse.path)["assessment"]
    editor = User("ana@example.org", Role.EDITOR, "local account")
    record_assessment(warehouse, "SDN", 2025, "High", "Rationale long enough to be recorded here.", editor)
    logged = log()
    restore(warehouse, tmp_path / "backup", ADMIN)
    assert contents(warehouse.path)["assessment"] == backed_up  # the data goes back to the backup ...
    assert log()[: len(logged)] == logged  # ... the log keeps every row, including the assessment's
    assert [row[3] for row in log()[len(logged):]] == ["restore"]
    assert verify_audit_chain(warehouse.reader().cursor()) == []
