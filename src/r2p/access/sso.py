"""Role rules for single sign-on: e-mail lists and identity-provider claims map a signed-in person to a role."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from r2p.access.rights import Role, User

# Keys of the [r2p_roles] table that list e-mails, strongest role first.
_EMAIL_LISTS = (("admins", Role.ADMIN), ("editors", Role.EDITOR), ("viewers", Role.VIEWER))


class RoleRulesError(ValueError):
    """The [r2p_roles] table is malformed; the message names the key."""


def oidc_user(rules: Mapping[str, Any], claims: Mapping[str, Any]) -> User:
    """The User for a signed-in person: the strongest role any rule grants, VIEWER when no rule names them."""
    name = _identity(claims)
    granted = [_role_from_emails(rules, claims), _role_from_claim(rules, claims)]
    return User(name, max((role for role in granted if role), default=Role.VIEWER), "oidc")


def _identity(claims: Mapping[str, Any]) -> str:
    # NOTE: the e-mail is what the audit log should name; `sub` is an opaque id, kept only as a fallback.
    for key in ("email", "preferred_username", "sub"):
        value = claims.get(key)
        if isinstance(value, str) and value.strip():
            return value.strip()
    return "unknown"


def _role_from_emails(rules: Mapping[str, Any], claims: Mapping[str, Any]) -> Role | None:
    email = str(claims.get("email") or "").strip().casefold()
    if not email:
        return None
    for key, role in _EMAIL_LISTS:
        if email in {entry.strip().casefold() for entry in _strings(rules, key)}:
            return role
    return None


def _role_from_claim(rules: Mapping[str, Any], claims: Mapping[str, Any]) -> Role | None:
    claim = rules.get("role_claim")
    if not claim:
        return None
    mapping = rules.get("claim_roles", {})
    if not isinstance(mapping, Mapping):
        raise RoleRulesError("[r2p_roles] claim_roles must be a table of claim value = role.")
    values = claims.get(str(claim))
    values = [values] if isinstance(values, str) else list(values or [])
    roles = [_parse(mapping[value], f"claim_roles.{value}") for value in values if value in mapping]
    return max(roles, default=None)


def _strings(rules: Mapping[str, Any], key: str) -> Iterable[str]:
    value = rules.get(key, [])
    if isinstance(value, str) or not all(isinstance(entry, str) for entry in value):
        raise RoleRulesError(f"[r2p_roles] {key} must be a list of e-mail addresses.")
    return value


def _parse(text: object, key: str) -> Role:
    try:
        return Role.parse(str(text))
    except ValueError as error:
        raise RoleRulesError(f"[r2p_roles] {key}: {error}") from None
