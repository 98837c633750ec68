"""`r2p accounts` round trip: add (password from stdin), list without hashes, set-role, remove, all audited."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import duckdb
import pytest

from r2p.access.accounts import load, verify
from r2p.access.rights import Role
from r2p.warehouse import Warehouse
from tests.helpers.cli import r2p

PASSWORD = "a long enough password"


def accounts(*args: str, stdin: str = "") -> subprocess.CompletedProcess[str]:
    return r2p("accounts", *args, input=stdin)


@pytest.fixture
def path(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    path = tmp_path / "accounts.toml"
    monkeypatch.setenv("R2P_ACCOUNTS", str(path))
    return path


def _account_audit(warehouse: Warehouse) -> list[tuple]:
    with duckdb.connect(str(warehouse.current_file()), read_only=True) as connection:
        return connection.execute("SELECT action, entity_id, before, after FROM audit_log WHERE entity = 'account'"
                                  " ORDER BY audit_id").fetchall()


def test_a_round_trip_changes_the_file_and_the_audit_log_never_holds_a_hash(warehouse: Warehouse, path: Path) -> None:
    added = accounts("add", "ana", "--role", "editor", "--password-stdin", stdin=PASSWORD + "\n")
    assert added.returncode == 0, added.stderr
    assert "Added account ana (editor)." in added.stdout and verify(path, "ana", PASSWORD).role is Role.EDITOR
    listed = accounts("list")
    assert listed.stdout.splitlines() == ["ana\teditor"] and "$argon2" not in listed.stdout + listed.stderr
    assert accounts("set-role", "ana", "admin").stdout.strip() == "Account ana: editor → admin."
    assert load(path)["ana"].role is Role.ADMIN
    assert accounts("remove", "ana").stdout.strip() == "Removed account ana (was admin)."
    assert load(path) == {}
    logged = _account_audit(warehouse)
    assert [(action, name) for action, name, _, _ in logged] == [("add", "ana"), ("set-role", "ana"),
                                                                 ("remove", "ana")]
    assert [(before and json.loads(before), after and json.loads(after)) for _, _, before, after in logged] == [
        (None, {"role": "editor"}), ({"role": "editor"}, {"role": "admin"}), ({"role": "admin"}, None)]
    assert not any("argon2" in str(row) for row in logged)


def test_refusals_exit_non_zero_and_change_nothing(warehouse: Warehouse, path: Path) -> None:
    accounts("add", "ana", "--role", "editor", "--password-stdin", stdin=PASSWORD + "\n")
    before, audited = path.read_bytes(), _account_audit(warehouse)
    for args, message in [(("add", "ana", "--password-stdin"), "already exists"),
                          (("add", "ben", "--password-stdin"), "at least 10 characters"),
                          (("add", "ben", "--role", "owner", "--password-stdin"), "'owner' is not a role"),
                          (("set-role", "nobody", "admin"), "No account named 'nobody'"),
                          (("remove", "nobody"), "No account named 'nobody'")]:
        refused = accounts(*args, stdin="short\n" if args[1] == "ben" else PASSWORD + "\n")
        assert refused.returncode == 2 and message in refused.stderr, (args, refused.stderr)
    assert path.read_bytes() == before and _account_audit(warehouse) == audited


def test_the_password_prompt_asks_twice_and_refuses_a_mismatch(warehouse: Warehouse, path: Path) -> None:
    mismatch = accounts("add", "ana", stdin=f"{PASSWORD}\n{PASSWORD}x\n")
    assert mismatch.returncode != 0 and not path.exists()
    matched = accounts("add", "ana", stdin=f"{PASSWORD}\n{PASSWORD}\n")
    assert matched.returncode == 0, matched.stderr
    assert verify(path, "ana", PASSWORD).role is Role.VIEWER and PASSWORD not in matched.stdout


def test_without_r2p_accounts_it_says_what_to_set(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("R2P_ACCOUNTS", raising=False)
    result = accounts("list")
    assert result.returncode == 2 and "R2P_ACCOUNTS is not set" in result.stderr
