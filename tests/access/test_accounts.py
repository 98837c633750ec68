"""Local accounts: salted argon2id hashes, one refusal message for a wrong name or password, atomic file writes."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest
from argon2 import PasswordHasher

from r2p.access import accounts
from r2p.access.accounts import REFUSED, AccountError, SignInRefused, add, load, remove, set_role, verify
from r2p.access.rights import Role

PASSWORD = "correct horse battery staple"


@pytest.fixture
def path(tmp_path: Path) -> Path:
    return tmp_path / "config" / "accounts.toml"


def test_hashes_are_salted_argon2id(path: Path) -> None:
    add(path, "ana", Role.EDITOR, PASSWORD)
    add(path, "ben", Role.VIEWER, PASSWORD)
    stored = load(path)
    first, second = stored["ana"].password_hash, stored["ben"].password_hash
    assert first.startswith("$argon2id$") and second.startswith("$argon2id$")
    assert first != second  # same password, different salt
    assert PASSWORD not in path.read_text(encoding="utf-8")
    assert PasswordHasher().verify(first, PASSWORD)


def test_verify_signs_in_with_the_right_password_only(path: Path) -> None:
    add(path, "ana", Role.EDITOR, PASSWORD)
    user = verify(path, "ana", PASSWORD)
    assert (user.name, user.role, user.via) == ("ana", Role.EDITOR, "local account")
    with pytest.raises(SignInRefused) as wrong:
        verify(path, "ana", PASSWORD + "!")
    with pytest.raises(SignInRefused) as unknown:
        verify(path, "nobody", PASSWORD)
    assert str(wrong.value) == str(unknown.value) == REFUSED  # does not reveal which names exist


def test_roles_change_and_accounts_go(path: Path) -> None:
    add(path, "ana", Role.EDITOR, PASSWORD)
    assert set_role(path, "ana", Role.ADMIN) is Role.EDITOR
    assert verify(path, "ana", PASSWORD).role is Role.ADMIN
    assert remove(path, "ana") is Role.ADMIN
    with pytest.raises(SignInRefused):
        verify(path, "ana", PASSWORD)
    with pytest.raises(AccountError, match="No account named 'ana'"):
        set_role(path, "ana", Role.VIEWER)


@pytest.mark.parametrize(("name", "password", "message"), [
    ("ana", "short", "at least 10 characters"),
    ("has space", PASSWORD, "not a valid account name"),
    ('"]\ninjected', PASSWORD, "not a valid account name"),
])
def test_bad_names_and_short_passwords_are_refused_and_nothing_is_written(path: Path, name: str, password: str,
                                                                          message: str) -> None:
    with pytest.raises(AccountError, match=message):
        add(path, name, Role.EDITOR, password)
    assert not path.exists()


def test_a_taken_name_is_refused(path: Path) -> None:
    add(path, "ana", Role.EDITOR, PASSWORD)
    with pytest.raises(AccountError, match="already exists"):
        add(path, "ana", Role.ADMIN, PASSWORD)
    assert load(path)["ana"].role is Role.EDITOR


def test_the_file_is_replaced_atomically_and_kept_private(path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    add(path, "ana", Role.EDITOR, PASSWORD)
    before = path.read_bytes()
    assert stat.S_IMODE(path.stat().st_mode) == 0o600

    def fail(source: str, target: str) -> None:
        raise OSError("disk full")

    monkeypatch.setattr(accounts.os, "replace", fail)
    with pytest.raises(OSError, match="disk full"):
        add(path, "ben", Role.VIEWER, PASSWORD)
    assert path.read_bytes() == before  # the old file is whole
    assert sorted(os.listdir(path.parent)) == ["accounts.toml"]  # and no temporary file is left behind


def test_a_malformed_file_is_named(path: Path) -> None:
    path.parent.mkdir(parents=True)
    path.write_text('[accounts.ana]\nrole = "owner"\npassword_hash = "x"\n', encoding="utf-8")
    with pytest.raises(AccountError, match=r"accounts.toml: \[accounts.ana\] needs role and password_hash"):
        load(path)
    path.write_text("[accounts\n", encoding="utf-8")
    with pytest.raises(AccountError, match="not a valid TOML accounts file"):
        verify(path, "ana", PASSWORD)


def test_no_setting_means_no_accounts(monkeypatch: pytest.MonkeyPatch, path: Path) -> None:
    monkeypatch.delenv("R2P_ACCOUNTS", raising=False)
    assert accounts.accounts_path() is None
    monkeypatch.setenv("R2P_ACCOUNTS", str(path))
    assert accounts.accounts_path() == path
