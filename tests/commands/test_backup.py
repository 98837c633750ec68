"""`r2p backup` and `r2p restore` as a user runs them: messages, exit codes, and the warehouse after."""

from __future__ import annotations

import json
from pathlib import Path

from r2p.warehouse import Warehouse
from tests.helpers.cli import r2p
from tests.helpers.data import EXAMPLES
from tests.helpers.warehouses import contents


def test_backup_then_restore_undoes_a_later_ingest(warehouse: Warehouse, tmp_path: Path) -> None:
    before = contents(warehouse.path)
    made = r2p("backup", str(tmp_path / "backup"))
    assert made.returncode == 0, made.stderr
    assert f"to {tmp_path / 'backup'}: {sum(len(rows) for rows in before.values())} rows in" in made.stdout
    assert r2p("ingest", "table", str(EXAMPLES / "table_long.csv")).returncode == 0
    assert contents(warehouse.path) != before
    restored = r2p("restore", str(tmp_path / "backup"), "--yes")
    assert restored.returncode == 0, restored.stderr
    assert "Restored" in restored.stdout
    after = contents(warehouse.path)
    # The log keeps the ingest's row (an audit row is never removed, even by a restore) and adds the restore's.
    # (The ingest's trigger run may also have opened or escalated reviews: those rows are the review's, not its.)
    added = [row for row in sorted(set(after["audit_log"]) - set(before["audit_log"])) if row[4] != "review"]
    assert [row[3] for row in added] == ["ingest", "restore"]
    assert len(after["audit_log"]) == len(before["audit_log"]) + len(added) + sum(
        row[4] == "review" for row in set(after["audit_log"]) - set(before["audit_log"]))
    assert {table: rows for table, rows in after.items() if table != "audit_log"} == \
        {table: rows for table, rows in before.items() if table != "audit_log"}
    assert set(before["audit_log"]) < set(after["audit_log"])


def test_restore_asks_first_and_no_means_nothing_changes(warehouse: Warehouse, tmp_path: Path) -> None:
    assert r2p("backup", str(tmp_path / "backup")).returncode == 0
    with warehouse.write() as connection:
        connection.execute("DELETE FROM event")
    before = warehouse.path.read_bytes()
    declined = r2p("restore", str(tmp_path / "backup"), input="n\n")
    assert declined.returncode == 1
    assert "Replace the warehouse" in declined.stdout and "Aborted" in declined.stderr
    assert warehouse.path.read_bytes() == before


def test_a_tampered_backup_is_refused_with_exit_1_naming_the_file(warehouse: Warehouse, tmp_path: Path) -> None:
    folder = tmp_path / "backup"
    assert r2p("backup", str(folder)).returncode == 0
    (folder / "country.parquet").write_bytes((folder / "country.parquet").read_bytes()[:-10])
    before = warehouse.path.read_bytes()
    refused = r2p("restore", str(folder), "--yes")
    assert refused.returncode == 1
    assert f"{folder / 'country.parquet'}:" in refused.stderr and "The warehouse was not changed." in refused.stderr
    assert warehouse.path.read_bytes() == before


def test_backup_refuses_a_folder_holding_other_files(warehouse: Warehouse, tmp_path: Path) -> None:
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "report.txt").write_text("mine")
    refused = r2p("backup", str(tmp_path / "docs"))
    assert refused.returncode == 1 and "is not empty and holds no R2P Watch backup" in refused.stderr
    assert [p.name for p in (tmp_path / "docs").iterdir()] == ["report.txt"]


def test_the_backup_manifest_is_json_with_a_checksum_per_file(warehouse: Warehouse, tmp_path: Path) -> None:
    assert r2p("backup", str(tmp_path / "backup")).returncode == 0
    manifest = json.loads((tmp_path / "backup" / "manifest.json").read_text())
    assert set(manifest["files"]) == {p.name for p in (tmp_path / "backup").iterdir()} - {"manifest.json"}
    assert all(len(entry["sha256"]) == 64 for entry in manifest["files"].values())
