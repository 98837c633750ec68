"""The audit log only grows, its hash chain verifies, and any edit or removal made behind the code's back shows."""

from __future__ import annotations

import re
from pathlib import Path

import duckdb
import pytest

from r2p.access.rights import command_line_user
from r2p.notes import add_country_note
from r2p.tiers.assessment import record_assessment
from r2p.warehouse import Warehouse
from r2p.warehouse.audit import audit, row_hash, verify_audit_chain
from r2p.warehouse.migrate import migrate
from tests.helpers.data import ROOT

FORBIDDEN = re.compile(r"\b(UPDATE\s+audit_log|DELETE\s+FROM\s+audit_log|DROP\s+TABLE\s+(IF\s+EXISTS\s+)?audit_log"
                       r"|TRUNCATE|ALTER\s+TABLE\s+audit_log\s+(DROP|RENAME|ALTER))\b", re.IGNORECASE)


def _log(path: Path) -> list[tuple]:
    with duckdb.connect(str(path), read_only=True) as connection:
        return connection.execute("SELECT * FROM audit_log ORDER BY audit_id").fetchall()


def _broken(path: Path) -> list[int]:
    with duckdb.connect(str(path), read_only=True) as connection:
        return verify_audit_chain(connection)


def _tamper(path: Path, statement: str) -> None:
    """What someone with the file and a DuckDB shell could do: change the log directly."""
    with duckdb.connect(str(path)) as connection:
        connection.execute(statement)


def test_rows_only_grow_and_the_chain_verifies_across_writes(warehouse: Warehouse) -> None:
    before = _log(warehouse.current_file())
    assert before and _broken(warehouse.current_file()) == []
    add_country_note(warehouse, "MMR", "First note on Myanmar, for the record.", command_line_user())
    middle = _log(warehouse.current_file())
    record_assessment(warehouse, "MMR", 2025, "High", "A rationale long enough to be accepted.", command_line_user())
    after = _log(warehouse.current_file())
    assert middle[:len(before)] == before and after[:len(middle)] == middle  # earlier rows never change
    assert len(middle) == len(before) + 1 and len(after) == len(middle) + 1
    assert [row[3] for row in after[-2:]] == ["note", "assess"]
    assert all(row[-1] and len(row[-1]) == 64 for row in after[-2:])  # each new row carries its sha256
    assert _broken(warehouse.current_file()) == []


@pytest.mark.parametrize("change", [
    "UPDATE audit_log SET actor = 'someone else' WHERE audit_id = {target}",
    "UPDATE audit_log SET after = '{{\"tier\": \"Low\"}}' WHERE audit_id = {target}",
    "UPDATE audit_log SET logged_at = logged_at + INTERVAL 1 SECOND WHERE audit_id = {target}",
    "UPDATE audit_log SET row_hash = NULL WHERE audit_id = {target}",
])
def test_an_altered_row_is_detected(warehouse: Warehouse, change: str) -> None:
    path = warehouse.current_file()
    target = _log(path)[5][0]
    _tamper(path, change.format(target=target))
    assert _broken(path) == [target]


def test_a_removed_row_breaks_the_row_after_it(warehouse: Warehouse) -> None:
    path = warehouse.current_file()
    ids = [row[0] for row in _log(path)]
    _tamper(path, f"DELETE FROM audit_log WHERE audit_id = {ids[10]}")
    assert _broken(path) == [ids[11]]


def test_a_rewritten_row_with_a_recomputed_hash_still_breaks_the_chain(warehouse: Warehouse) -> None:
    path = warehouse.current_file()
    rows = _log(path)
    target, follower = rows[7][0], rows[8][0]
    forged = row_hash(rows[6][-1], (target, rows[7][1], "forger", *rows[7][3:8]))
    _tamper(path, f"UPDATE audit_log SET actor = 'forger', row_hash = '{forged}' WHERE audit_id = {target}")
    assert _broken(path) == [follower]


def test_rows_from_before_hashes_are_sealed_by_the_first_hashed_row() -> None:
    connection = duckdb.connect(":memory:")
    migrate(connection, target=4)
    for number in range(3):  # written by an older R2P Watch: no row_hash column yet
        connection.execute("INSERT INTO audit_log (logged_at, actor, action, entity, entity_id)"
                           " VALUES (TIMESTAMP '2026-01-01 10:00:00', 'old', 'test', 'thing', $n)", {"n": str(number)})
    migrate(connection)
    assert verify_audit_chain(connection) == []  # unhashed old rows alone are not "broken"
    audit(connection, "test", "thing", "3", None, {"value": 3}, "new")
    audit(connection, "test", "thing", "4", None, {"value": 4}, "new")
    assert verify_audit_chain(connection) == []
    connection.execute("UPDATE audit_log SET actor = 'rewritten' WHERE entity_id = '1'")
    first_hashed = connection.execute("SELECT min(audit_id) FROM audit_log WHERE row_hash IS NOT NULL").fetchall()[0][0]
    assert verify_audit_chain(connection) == [first_hashed]


def test_no_code_updates_deletes_or_drops_audit_rows() -> None:
    found = []
    for path in sorted((ROOT / "src").rglob("*")):
        if path.suffix in {".py", ".sql"}:
            for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
                if FORBIDDEN.search(line):
                    found.append(f"{path.relative_to(ROOT)}:{number}: {line.strip()}")
    assert found == []


def test_the_source_scan_would_catch_each_forbidden_statement() -> None:
    for statement in ("UPDATE audit_log SET x = 1", "delete from audit_log", "DROP TABLE IF EXISTS audit_log",
                      "TRUNCATE audit_log", "ALTER TABLE audit_log DROP COLUMN row_hash"):
        assert FORBIDDEN.search(statement), statement
    assert not FORBIDDEN.search("INSERT INTO audit_log (actor) VALUES ($who)")
