"""Who is using the dashboard: single sign-on (st.login) when configured, else local accounts, else read-only."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import streamlit as st

from r2p.access.accounts import AccountError, SignInRefused, accounts_path, load, verify
from r2p.access.rights import ANONYMOUS, NEEDS, User
from r2p.access.sso import RoleRulesError, oidc_user
from r2p.access.throttle import SIGN_INS
from r2p.ui.plain import plain_markdown

_SIGNED_IN = "r2p_signed_in_account"  # the local account name only; its role is re-read from the file every run


def current_user() -> User:
    """The signed-in User, or ANONYMOUS (a viewer): nothing from the URL or the page decides the role."""
    return _resolve()[0]


def _resolve() -> tuple[User, str | None]:
    """The user, and a configuration problem to show (then everyone is read-only until it is fixed)."""
    if _secret_table("auth") is not None:
        if st.user.get("is_logged_in") is not True:
            return ANONYMOUS, None
        try:
            return oidc_user(_secret_table("r2p_roles") or {}, st.user.to_dict()), None
        except RoleRulesError as error:
            return ANONYMOUS, f"Sign-in configuration: {error} Everyone is read-only until it is fixed."
    path, name = accounts_path(), st.session_state.get(_SIGNED_IN)
    if path is None or not isinstance(name, str):
        return ANONYMOUS, None
    try:
        account = load(path).get(name)
    except AccountError as error:
        return ANONYMOUS, str(error)
    # NOTE: an account removed or demoted since sign-in loses its rights on the next run, not at sign-out.
    return (User(account.name, account.role, "local account"), None) if account else (ANONYMOUS, None)


def read_only_notice(user: User, action: str, what: str) -> None:
    """One line telling someone who may not do `action` which role they need (instead of the form)."""
    needed = NEEDS[action].label
    if user.via == "anonymous":
        st.info(f"Read-only: sign in as {needed} (or above) to {what}.")
    else:
        st.info(f"Read-only for you: {what} needs the {needed} role; you are signed in as {user.role.label}.")


def render_sign_in() -> None:
    """The sidebar panel: who is signed in, with what role, and how to sign in or out."""
    user, problem = _resolve()
    if problem:
        st.error(problem)
    if _secret_table("auth") is not None:
        _oidc_panel(user)
    elif accounts_path() is not None:
        _local_panel(user)
    else:
        st.caption("**Read-only**: no sign-in is configured, so nobody can change data here.")


def _oidc_panel(user: User) -> None:
    if user.via == "oidc":
        _signed_in_as(user)
        st.button("Sign out", key="r2p_sign_out", on_click=st.logout)
        return
    st.caption("**Read-only** until you sign in.")
    provider = _provider()
    st.button("Sign in", key="r2p_sign_in", on_click=st.login, args=(provider,) if provider else ())


def _local_panel(user: User) -> None:
    if user.via == "local account":
        _signed_in_as(user)
        st.button("Sign out", key="r2p_sign_out", on_click=_sign_out)
        return
    st.caption("**Read-only** until you sign in.")
    with st.form("r2p_sign_in_form", clear_on_submit=True):
        name = st.text_input("Account name", key="r2p_sign_in_name", autocomplete="username")
        password = st.text_input("Password", type="password", key="r2p_sign_in_password",
                                 autocomplete="current-password")
        if not st.form_submit_button("Sign in", key="r2p_sign_in_submit"):
            return
    try:
        SIGN_INS.check(name)
        signed_in = verify(accounts_path(), name, password)
    except SignInRefused as refused:
        SIGN_INS.failed(name)
        st.error(str(refused))
        return
    except AccountError as error:
        st.error(str(error))
        return
    SIGN_INS.succeeded(name)
    st.session_state[_SIGNED_IN] = signed_in.name
    st.rerun()


def _sign_out() -> None:
    st.session_state.pop(_SIGNED_IN, None)


def _signed_in_as(user: User) -> None:
    note = "" if user.can("assess") else " — **Read-only**"
    st.caption(f"Signed in as **{plain_markdown(user.name)}** ({user.role.label}, {user.via}){note}")


def _provider() -> str | None:
    # NOTE: st.login() needs a provider name only when [auth] holds one sub-table per identity provider.
    auth = _secret_table("auth") or {}
    providers = [key for key, value in auth.items() if isinstance(value, Mapping)]
    return providers[0] if len(providers) == 1 and "client_id" not in auth else None


def _secret_table(name: str) -> Mapping[str, Any] | None:
    if not st.secrets.load_if_toml_exists():
        return None
    table = st.secrets.get(name)
    return table if isinstance(table, Mapping) else None

