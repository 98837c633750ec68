"""Local accounts for small or offline teams: a TOML file of names, roles and salted argon2id password hashes."""

from __future__ import annotations

import json
import os
import re
import tempfile
import tomllib
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

from r2p.access.rights import Role, User
from r2p.config import setting

_HASHER = PasswordHasher()  # argon2id with a fresh random salt per hash (argon2-cffi's defaults)
_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._@+-]{0,63}$")
MIN_PASSWORD = 10
REFUSED = "Sign-in refused: unknown account name or wrong password."


class AccountError(ValueError):
    """A refused account change or a malformed accounts file; the message says what and where."""


class SignInRefused(PermissionError):
    """Wrong name or password: one message for both, so it does not reveal which names exist."""


@dataclass(frozen=True)
class Account:
    name: str
    role: Role
    password_hash: str


def accounts_path() -> Path | None:
    """The accounts file named by R2P_ACCOUNTS, or None: then there are no local accounts."""
    value = setting("accounts").strip()
    return Path(value).expanduser() if value else None


def load(path: Path) -> dict[str, Account]:
    """Every account in the file (an absent file has none); raises AccountError naming the file and account."""
    if not path.exists():
        return {}
    try:
        table = tomllib.loads(path.read_text(encoding="utf-8")).get("accounts", {})
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as error:
        raise AccountError(f"{path}: not a valid TOML accounts file ({error}).") from None
    accounts = {}
    for name, entry in table.items():
        try:
            accounts[name] = Account(name, Role.parse(str(entry["role"])), str(entry["password_hash"]))
        except (KeyError, TypeError, ValueError) as error:
            raise AccountError(f"{path}: [accounts.{name}] needs role and password_hash ({error}).") from None
    return accounts


def verify(path: Path, name: str, password: str) -> User:
    """The signed-in User, or SignInRefused with the same message for an unknown name and a wrong password."""
    account = load(path).get(name.strip())
    try:
        _HASHER.verify(account.password_hash if account else _dummy_hash(), password)
    except (VerificationError, InvalidHashError):
        raise SignInRefused(REFUSED) from None
    if account is None:
        raise SignInRefused(REFUSED)
    return User(account.name, account.role, "local account")


def add(path: Path, name: str, role: Role, password: str) -> Account:
    """A new account with a freshly salted hash; refuses a taken or malformed name and a short password."""
    accounts = load(path)
    if not _NAME.match(name):
        raise AccountError(f"{name!r} is not a valid account name: use letters, digits and . _ @ + - (max 64).")
    if name in accounts:
        raise AccountError(f"An account named {name!r} already exists in {path}.")
    if len(password) < MIN_PASSWORD:
        raise AccountError(f"The password must be at least {MIN_PASSWORD} characters long.")
    accounts[name] = Account(name, role, _HASHER.hash(password))
    save(path, accounts)
    return accounts[name]


def set_role(path: Path, name: str, role: Role) -> Role:
    """Change an account's role; returns the role it had."""
    accounts = load(path)
    before = _existing(path, accounts, name)
    accounts[name] = Account(name, role, before.password_hash)
    save(path, accounts)
    return before.role


def remove(path: Path, name: str) -> Role:
    """Delete an account; returns the role it had."""
    accounts = load(path)
    before = _existing(path, accounts, name)
    del accounts[name]
    save(path, accounts)
    return before.role


def save(path: Path, accounts: dict[str, Account]) -> None:
    """Write the file atomically (temporary file, fsync, rename), readable by its owner only."""
    path.parent.mkdir(parents=True, exist_ok=True)
    lines = ["# R2P Watch local accounts: manage with `r2p accounts`. Hashes are salted argon2id.", ""]
    for account in sorted(accounts.values(), key=lambda entry: entry.name):
        lines += [f"[accounts.{json.dumps(account.name)}]", f"role = {json.dumps(account.role.label)}",
                  f"password_hash = {json.dumps(account.password_hash)}", ""]
    handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as stream:
            stream.write("\n".join(lines))
            stream.flush()
            os.fsync(stream.fileno())
        os.chmod(temporary, 0o600)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def _existing(path: Path, accounts: dict[str, Account], name: str) -> Account:
    if name not in accounts:
        raise AccountError(f"No account named {name!r} in {path}.")
    return accounts[name]


@cache
def _dummy_hash() -> str:
    # NOTE: an unknown name still costs one verification, so timing does not tell which names exist. Made on
    # first use, not at import: a hash costs about a second, and most imports never verify a password.
    return _HASHER.hash("not a real password")
