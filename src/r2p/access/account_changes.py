"""Account changes made by an admin: the accounts file changes and the warehouse audit log records the role."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from r2p.access import accounts
from r2p.access.rights import Role, User, require
from r2p.warehouse.audit import audit
from r2p.warehouse.store import Warehouse


def add_account(path: Path, name: str, role: Role, password: str, user: User, warehouse: Warehouse | None) -> None:
    """Create an account; the audit row holds its role only, never the password hash."""
    _audited(user, warehouse, "add", name, lambda: (None, accounts.add(path, name, role, password).role))


def set_account_role(path: Path, name: str, role: Role, user: User, warehouse: Warehouse | None) -> Role:
    """Change an account's role; returns the role it had."""
    return _audited(user, warehouse, "set-role", name, lambda: (accounts.set_role(path, name, role), role))


def remove_account(path: Path, name: str, user: User, warehouse: Warehouse | None) -> Role:
    """Delete an account; returns the role it had."""
    return _audited(user, warehouse, "remove", name, lambda: (accounts.remove(path, name), None))


def _audited(user: User, warehouse: Warehouse | None, action: str, name: str,
             change: Callable[[], tuple[Role | None, Role | None]]) -> Role | None:
    require(user, "accounts")
    if warehouse is None or not warehouse.exists():
        return change()[0]
    # NOTE: the file changes inside the warehouse write, so a failed file write leaves no audit row behind.
    with warehouse.write() as connection:
        before, after = change()
        audit(connection, action, "account", name, _role(before), _role(after), user.name)
    return before


def _role(role: Role | None) -> dict[str, str] | None:
    return None if role is None else {"role": role.label}
