"""Roles are ordered, each action names the role it needs, and a refusal says which role that is."""

from __future__ import annotations

import getpass

import pytest

from r2p.access.rights import ANONYMOUS, NEEDS, PermissionDenied, Role, User, command_line_user, require

VIEWER = User("vic@example.org", Role.VIEWER, "oidc")
EDITOR = User("ana", Role.EDITOR, "local account")
ADMIN = User("root@example.org", Role.ADMIN, "oidc")


def test_roles_are_ordered_and_parse_from_their_names() -> None:
    assert Role.VIEWER < Role.EDITOR < Role.ADMIN
    assert [Role.parse(text) for text in ("viewer", " Editor ", "ADMIN")] == [Role.VIEWER, Role.EDITOR, Role.ADMIN]
    with pytest.raises(ValueError, match="'owner' is not a role; a role is one of: viewer, editor, admin."):
        Role.parse("owner")


@pytest.mark.parametrize(("user", "allowed"), [
    (ANONYMOUS, set()),
    (VIEWER, set()),
    (EDITOR, {"assess", "decide", "engagement", "actor", "country_note", "select_options", "edit_worksheet",
              "edit_judgements", "approve_judgements", "draft_digests", "approve_digest"}),
    (ADMIN, set(NEEDS)),
], ids=["anonymous", "viewer", "editor", "admin"])
def test_each_role_may_do_exactly_its_actions(user: User, allowed: set[str]) -> None:
    assert {action for action in NEEDS if user.can(action)} == allowed
    for action in NEEDS:
        if action in allowed:
            require(user, action)
        else:
            with pytest.raises(PermissionDenied):
                require(user, action)


def test_refusals_say_which_role_is_needed() -> None:
    with pytest.raises(PermissionDenied, match=r"read-only: sign in as editor \(or above\) to assess"):
        require(ANONYMOUS, "assess")
    with pytest.raises(PermissionDenied, match="vic@example.org is signed in as viewer; decide needs the editor role"):
        require(VIEWER, "decide")
    with pytest.raises(PermissionDenied, match="ana is signed in as editor; engagement import needs the admin role"):
        require(EDITOR, "engagement_import")


def test_the_command_line_user_is_the_os_user_as_admin() -> None:
    user = command_line_user()
    assert user.role is Role.ADMIN and user.via == "command line" and user.name.startswith(f"{getpass.getuser()}@")
