"""Audit trail: each filter narrows the rows to exactly those that match; the chain status names broken rows."""

from __future__ import annotations

import shutil
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import duckdb
import pytest

from r2p.access.rights import ANONYMOUS, Role, User
from r2p.notes import add_country_note
from r2p.read.audit_trail import (
    AuditFilter,
    audit_entries,
    audit_facets,
    audit_row_count,
    broken_rows,
    chain_status,
    may_read,
)
from r2p.tiers.assessment import record_assessment
from r2p.warehouse import Warehouse

EDITOR = User("ed@example.org", Role.EDITOR, "local account")


@pytest.fixture
def logged(warehouse: Warehouse) -> Warehouse:
    """The demo log (init's seed and ingest rows) plus a note and an assessment by known people."""
    add_country_note(warehouse, "SDN", "Sudan: access for monitors was refused again.", EDITOR)
    record_assessment(warehouse, "MMR", 2025, "High", "Rationale mentioning Rakhine state in detail.",
                      User("analyst-a", Role.EDITOR, "local account"))
    return warehouse


def test_no_filter_returns_every_row_newest_first(logged: Warehouse) -> None:
    rows = audit_entries(logged)
    assert len(rows) == audit_row_count(logged) > 100
    assert list(rows["audit_id"]) == sorted(rows["audit_id"], reverse=True)
    assert list(rows.iloc[0][["actor", "action", "entity"]]) == ["analyst-a", "assess", "assessment"]


@pytest.mark.parametrize(("chosen", "column", "value"), [
    (AuditFilter(who="ed@example.org"), "actor", "ed@example.org"),
    (AuditFilter(action="assess"), "action", "assess"),
    (AuditFilter(entity="country_note"), "entity", "country_note"),
])
def test_each_exact_filter_keeps_only_its_rows(logged: Warehouse, chosen: AuditFilter, column: str,
                                               value: str) -> None:
    rows = audit_entries(logged, chosen)
    assert len(rows) == 1 and set(rows[column]) == {value}


def test_text_search_looks_in_entity_ids_and_values_case_insensitively(logged: Warehouse) -> None:
    rows = audit_entries(logged, AuditFilter(text="rakhine"))
    assert list(rows["action"]) == ["assess"] and "Rakhine" in rows["after"].iloc[0]
    by_id = audit_entries(logged, AuditFilter(entity="country_note", entity_id=str(rows["audit_id"].iloc[0])))
    assert by_id.empty  # entity_id is the note's number, not the audit row's
    assert len(audit_entries(logged, AuditFilter(entity="country_note", entity_id="1"))) == 1


def test_hostile_filter_text_is_a_value_not_sql(logged: Warehouse) -> None:
    for text in ("' OR 1=1 --", "%", "\"; DROP TABLE audit_log; --"):
        assert audit_entries(logged, AuditFilter(who=text)).empty
        assert audit_entries(logged, AuditFilter(text=text)).empty
    assert audit_row_count(logged) > 100
    # "_" is a LIKE wildcard; the search treats it as the character it is
    every = audit_entries(logged)
    literal = every[every[["entity_id", "before", "after"]].fillna("").apply(lambda r: "_" in "".join(r), axis=1)]
    assert 0 < len(audit_entries(logged, AuditFilter(text="_"))) == len(literal) < len(every)


def test_date_range_includes_both_days(logged: Warehouse) -> None:
    today = datetime.now(UTC).date()
    assert len(audit_entries(logged, AuditFilter(since=today, until=today))) == audit_row_count(logged)
    assert audit_entries(logged, AuditFilter(until=today - timedelta(days=1))).empty
    assert audit_entries(logged, AuditFilter(since=today + timedelta(days=1))).empty
    with pytest.raises(ValueError, match="after the end date"):
        audit_entries(logged, AuditFilter(since=date(2026, 2, 1), until=date(2026, 1, 1)))


def test_facets_list_what_the_log_holds(logged: Warehouse) -> None:
    facets = audit_facets(logged)
    assert {"ed@example.org", "analyst-a", "r2p init"} <= set(facets["who"])
    assert {"note", "assess", "ingest"} <= set(facets["action"]) and "country_note" in facets["entity"]


def test_chain_status_names_the_broken_rows(logged: Warehouse, tmp_path: Path) -> None:
    assert broken_rows(logged) == []
    assert chain_status([], 12) == "Audit chain verified: 12 row(s), none altered or removed."
    tampered = tmp_path / "tampered.duckdb"  # a copy: this process already holds the original read-only
    shutil.copyfile(logged.current_file(), tampered)
    with duckdb.connect(str(tampered)) as connection:
        connection.execute("UPDATE audit_log SET actor = 'nobody' WHERE action = 'note'")
        note_row = connection.execute("SELECT audit_id FROM audit_log WHERE action = 'note'").fetchall()[0][0]
    assert broken_rows(Warehouse(str(tampered))) == [note_row]
    assert f"1 of 9 row(s) do not match their hash (#{note_row})" in chain_status([note_row], 9)


def test_only_editors_and_admins_may_read_the_log() -> None:
    assert may_read(EDITOR) and may_read(User("root", Role.ADMIN, "command line"))
    assert not may_read(ANONYMOUS) and not may_read(User("v", Role.VIEWER, "oidc"))
