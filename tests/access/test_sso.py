"""Single sign-on role rules: e-mail lists (any case) and identity-provider claims; unlisted people are viewers."""

from __future__ import annotations

import pytest

from r2p.access.rights import Role
from r2p.access.sso import RoleRulesError, oidc_user

RULES = {"admins": ["Chief@Example.org"], "editors": ["ana@example.org", " ben@example.org "],
         "role_claim": "groups", "claim_roles": {"r2p-admins": "admin", "r2p-editors": "editor"}}


@pytest.mark.parametrize(("claims", "role"), [
    ({"email": "chief@example.org"}, Role.ADMIN),
    ({"email": "ANA@EXAMPLE.ORG"}, Role.EDITOR),
    ({"email": "ben@example.org"}, Role.EDITOR),
    ({"email": "someone@example.org"}, Role.VIEWER),
    ({"email": "someone@example.org", "groups": ["staff", "r2p-editors"]}, Role.EDITOR),
    ({"email": "someone@example.org", "groups": "r2p-admins"}, Role.ADMIN),
    ({"email": "ana@example.org", "groups": ["r2p-admins"]}, Role.ADMIN),  # the strongest rule wins
    ({"email": "chief@example.org", "groups": ["r2p-editors"]}, Role.ADMIN),
    ({"sub": "opaque-id", "groups": ["staff"]}, Role.VIEWER),
], ids=["admin-list", "editor-any-case", "editor-spaces", "unlisted", "claim-list", "claim-string",
        "claim-beats-list", "list-beats-claim", "no-email"])
def test_the_role_comes_from_the_strongest_matching_rule(claims: dict, role: Role) -> None:
    user = oidc_user(RULES, claims)
    assert (user.role, user.via) == (role, "oidc")


def test_the_audit_name_is_the_email_else_another_identifier() -> None:
    assert oidc_user(RULES, {"email": "Ana@Example.org", "sub": "x"}).name == "Ana@Example.org"
    assert oidc_user({}, {"preferred_username": "ana", "sub": "x"}).name == "ana"
    assert oidc_user({}, {"sub": "x-123"}).name == "x-123"


def test_no_rules_means_every_signed_in_person_is_a_viewer() -> None:
    assert oidc_user({}, {"email": "chief@example.org", "groups": ["r2p-admins"]}).role is Role.VIEWER


@pytest.mark.parametrize(("rules", "message"), [
    ({"admins": "chief@example.org"}, "admins must be a list of e-mail addresses"),
    ({"role_claim": "groups", "claim_roles": {"r2p-admins": "owner"}}, "claim_roles.r2p-admins: 'owner' is not"),
    ({"role_claim": "groups", "claim_roles": ["r2p-admins"]}, "claim_roles must be a table"),
])
def test_malformed_rules_are_named(rules: dict, message: str) -> None:
    with pytest.raises(RoleRulesError, match=message):
        oidc_user(rules, {"email": "chief@example.org", "groups": ["r2p-admins"]})
