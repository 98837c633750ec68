"""`r2p audit`: filters, CSV of exactly the matching rows, and --verify's exit code."""

from __future__ import annotations

import csv
import shutil
from pathlib import Path

from r2p.access.rights import Role, User
from r2p.notes import add_country_note
from r2p.read.audit_trail import AuditFilter, audit_entries
from r2p.warehouse import Warehouse
from tests.helpers.cli import r2p

EDITOR = User("ed@example.org", Role.EDITOR, "local account")


def test_filters_and_csv_match_the_domain(warehouse: Warehouse, tmp_path: Path) -> None:
    add_country_note(warehouse, "SDN", "Sudan: a note for the audit command.", EDITOR)
    listed = r2p("audit", "--who", "ed@example.org", "--format", "csv")
    assert listed.returncode == 0, listed.stderr
    rows = list(csv.DictReader(listed.stdout.splitlines()))
    assert [(r["actor"], r["action"], r["entity"]) for r in rows] == [("ed@example.org", "note", "country_note")]
    out = tmp_path / "audit.csv"
    written = r2p("audit", "--action", "seed-row", "--entity", "actor", "--csv", str(out))
    assert written.returncode == 0, written.stderr
    expected = audit_entries(warehouse, AuditFilter(action="seed-row", entity="actor"))
    with out.open(encoding="utf-8") as handle:
        saved = list(csv.DictReader(handle))
    assert len(saved) == len(expected) > 10 and f"Wrote {len(expected)} audit row(s)" in written.stdout
    assert [int(r["audit_id"]) for r in saved] == list(expected["audit_id"])
    assert {r["entity"] for r in saved} == {"actor"}


def test_since_in_the_future_lists_nothing_and_a_bad_date_exits_2(warehouse: Warehouse) -> None:
    assert r2p("audit", "--since", "2999-01-01").stdout.strip() == "(none)"
    bad = r2p("audit", "--since", "yesterday")
    assert bad.returncode == 2 and "--since 'yesterday' is not a date (YYYY-MM-DD)" in bad.stderr


def test_verify_exits_0_on_an_intact_log_and_1_naming_an_altered_row(warehouse: Warehouse, tmp_path: Path) -> None:
    ok = r2p("audit", "--verify")
    assert ok.returncode == 0 and ok.stdout.startswith("Audit chain verified:"), ok.stderr
    # NOTE: through the store, not a second read-write connection: this process holds the file open read-only.
    with warehouse.write() as connection:
        connection.execute("UPDATE audit_log SET before = '{\"x\": 1}' WHERE audit_id = 42")
    before = shutil.copyfile(warehouse.current_file(), tmp_path / "before.duckdb").read_bytes()
    broken = r2p("audit", "--verify")
    assert broken.returncode == 1 and "1 of" in broken.stderr and "(#42)" in broken.stderr
    assert warehouse.current_file().read_bytes() == before  # verifying never writes
