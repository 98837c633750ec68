"""Signing in as a page test would: a real accounts file (R2P_ACCOUNTS) and the sidebar's sign-in form."""

from __future__ import annotations

from pathlib import Path

import pytest
from argon2 import PasswordHasher
from streamlit.testing.v1 import AppTest
from streamlit.testing.v1.element_tree import Block

from r2p.access.accounts import Account, save
from r2p.access.rights import Role

PASSWORD = "a long test password"
# NOTE: argon2-cffi's defaults take ~0.1 s a hash; one precomputed hash keeps every page test fast.
_HASHES: dict[str, str] = {}


def password_hash() -> str:
    """A hash of PASSWORD, computed once per test process."""
    if "hash" not in _HASHES:
        _HASHES["hash"] = PasswordHasher().hash(PASSWORD)
    return _HASHES["hash"]


def accounts_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, roles: dict[str, Role]) -> Path:
    """Write an accounts file with these names and roles (all with PASSWORD) and point R2P_ACCOUNTS at it."""
    path = tmp_path / "accounts.toml"
    save(path, {name: Account(name, role, password_hash()) for name, role in roles.items()})
    monkeypatch.setenv("R2P_ACCOUNTS", str(path))
    return path


def sign_in(app: AppTest, name: str, password: str = PASSWORD) -> AppTest:
    """Fill the sidebar sign-in form and submit it, as a person would."""
    app.text_input(key="r2p_sign_in_name").input(name)
    app.text_input(key="r2p_sign_in_password").input(password)
    app.button(key="r2p_sign_in_submit").click().run()
    assert not app.exception, app.exception
    return app


def form(app: AppTest, form_id: str) -> Block:
    """The form with this id (the sidebar's sign-in form and others may be on the page too)."""
    return next(block for block in app.get("form") if block.proto.form.form_id == form_id)


def form_ids(app: AppTest) -> set[str]:
    return {block.proto.form.form_id for block in app.get("form")}
