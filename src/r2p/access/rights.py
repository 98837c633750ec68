"""Who may do what: three roles, a signed-in user, and the one check every write makes before it writes."""

from __future__ import annotations

import getpass
import socket
from dataclasses import dataclass
from enum import IntEnum


class Role(IntEnum):
    """Ordered: each role may do everything the roles below it may."""

    VIEWER = 1
    EDITOR = 2
    ADMIN = 3

    @property
    def label(self) -> str:
        return self.name.lower()

    @classmethod
    def parse(cls, text: str) -> Role:
        try:
            return cls[text.strip().upper()]
        except KeyError:
            raise ValueError(f"{text!r} is not a role; a role is one of: viewer, editor, admin.") from None


# What each write needs. Editors record judgements; only admins change data, accounts and settings.
NEEDS: dict[str, Role] = {
    "assess": Role.EDITOR,
    "decide": Role.EDITOR,
    "engagement": Role.EDITOR,
    "actor": Role.EDITOR,
    "country_note": Role.EDITOR,
    "approve_digest": Role.EDITOR,
    "draft_digests": Role.EDITOR,
    "edit_worksheet": Role.EDITOR,
    "edit_judgements": Role.EDITOR,
    "approve_judgements": Role.EDITOR,
    "select_options": Role.EDITOR,
    "ingest": Role.ADMIN,
    "engagement_import": Role.ADMIN,
    "settings": Role.ADMIN,
    "accounts": Role.ADMIN,
    "restore": Role.ADMIN,
    "manage_subscriptions": Role.ADMIN,
    "send_digests": Role.ADMIN,
}


class PermissionDenied(PermissionError):
    """A write refused because of who asked; the message says which role it needs."""


@dataclass(frozen=True)
class User:
    """Someone acting on the warehouse: `name` is what the audit log records (an e-mail or account name)."""

    name: str
    role: Role
    via: str  # "oidc", "local account", "command line" or "anonymous"

    def can(self, action: str) -> bool:
        return self.role >= NEEDS[action]


ANONYMOUS = User("anonymous", Role.VIEWER, "anonymous")


def command_line_user() -> User:
    """Whoever runs `r2p` on this machine: file permissions on the warehouse already decide who can write it."""
    return User(f"{getpass.getuser()}@{socket.gethostname()}", Role.ADMIN, "command line")


def require(user: User, action: str) -> None:
    """Raise PermissionDenied unless the user's role allows the action (call it before opening a write)."""
    needed = NEEDS[action]
    if user.role >= needed:
        return
    what = action.replace("_", " ")
    if user.via == "anonymous":
        raise PermissionDenied(f"The dashboard is read-only: sign in as {needed.label} (or above) to {what}.")
    raise PermissionDenied(f"{user.name} is signed in as {user.role.label}; {what} needs the {needed.label} role. "
                           "Ask an admin to change your role.")
