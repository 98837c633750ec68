"""Sign-in and roles as a person meets them: read-only by default, local accounts, single sign-on, and a URL
that grants nothing. The domain refuses the same writes (tests/access/test_write_access.py)."""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from r2p.access.accounts import remove
from r2p.access.rights import Role
from r2p.warehouse import Warehouse
from tests.helpers.data import ROOT
from tests.helpers.pages import texts
from tests.helpers.signin import PASSWORD, accounts_file, form_ids, sign_in

TIMEOUT = 120
WRITE_PAGES = {  # page → (its write form, or the key of a widget only editors see) and the notice shown instead
    "pages/reviews.py": ("decision_form", "record a decision"),
    "pages/country.py": ("assessment_form", "record an assessment"),
    "pages/engagement.py": ("engagement_add", "add, end or correct engagements"),
}
FORGED = {"role": "admin", "editor": "x", "user": "admin", "r2p_signed_in_account": "chief"}
SSO = {"auth": {"redirect_uri": "http://localhost:8501/oauth2callback", "cookie_secret": "test-only-secret",
                "client_id": "r2p", "client_secret": "test-only",
                "server_metadata_url": "https://idp.example.org/.well-known/openid-configuration"},
       "r2p_roles": {"editors": ["ana@example.org"], "role_claim": "groups", "claim_roles": {"r2p-admins": "admin"}}}


def _open(page: str, params: dict[str, str] | None = None, secrets: dict | None = None,
          user: dict | None = None) -> AppTest:
    app = AppTest.from_file(str(ROOT / "app.py"), default_timeout=TIMEOUT)
    app.query_params.update({"country": "SDN", **(params or {})})
    app.secrets.update(secrets or {})
    if user is not None:
        app.user = user
    app.run().switch_page(page).run()
    assert not app.exception, app.exception
    return app


def _can_write(app: AppTest, page: str) -> bool:
    marker = WRITE_PAGES[page][0]
    return marker in form_ids(app) or any(marker in str(widget.key) for widget in app.selectbox)


@pytest.mark.parametrize("page", list(WRITE_PAGES))
def test_nobody_signed_in_sees_no_write_form_whatever_the_url_says(with_reviews: Warehouse, page: str) -> None:
    app = _open(page, FORGED)
    assert not _can_write(app, page)
    assert f"Read-only: sign in as editor (or above) to {WRITE_PAGES[page][1]}." in texts(app)
    assert "no sign-in is configured" in texts(app)


@pytest.mark.parametrize("page", list(WRITE_PAGES))
def test_a_viewer_account_sees_no_write_form_whatever_the_url_says(with_reviews: Warehouse, tmp_path: Path,
                                                                   monkeypatch: pytest.MonkeyPatch, page: str) -> None:
    accounts_file(tmp_path, monkeypatch, {"vic": Role.VIEWER, "chief": Role.ADMIN})
    app = sign_in(_open(page, FORGED), "vic")
    assert "Signed in as **vic** (viewer, local account) — **Read-only**" in texts(app)
    assert not _can_write(app, page)
    assert f"Read-only for you: {WRITE_PAGES[page][1]} needs the editor role; you are signed in as viewer." \
        in texts(app)


@pytest.mark.parametrize("page", list(WRITE_PAGES))
def test_an_editor_sees_the_write_form(with_reviews: Warehouse, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                       page: str) -> None:
    accounts_file(tmp_path, monkeypatch, {"ana": Role.EDITOR})
    app = _open(page)
    assert not _can_write(app, page) and "**Read-only** until you sign in." in texts(app)
    sign_in(app, "ana")
    assert _can_write(app, page) and "Signed in as **ana** (editor, local account)" in texts(app)


def test_a_wrong_password_is_refused_with_one_message(with_reviews: Warehouse, tmp_path: Path,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    accounts_file(tmp_path, monkeypatch, {"ana": Role.EDITOR})
    for name, password in (("ana", PASSWORD + "x"), ("nobody", PASSWORD)):
        app = sign_in(_open("pages/reviews.py"), name, password)
        assert [e.value for e in app.sidebar.error] == ["Sign-in refused: unknown account name or wrong password."]
        assert not _can_write(app, "pages/reviews.py")


def test_signing_out_and_removing_an_account_take_the_rights_away(with_reviews: Warehouse, tmp_path: Path,
                                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    path = accounts_file(tmp_path, monkeypatch, {"ana": Role.EDITOR})
    app = sign_in(_open("pages/reviews.py"), "ana")
    app.button(key="r2p_sign_out").click().run()
    assert not _can_write(app, "pages/reviews.py") and "**Read-only** until you sign in." in texts(app)
    sign_in(app, "ana")
    remove(path, "ana")
    app.run()  # the next page load: the removed account is nobody
    assert not _can_write(app, "pages/reviews.py") and "Signed in as" not in texts(app)


@pytest.mark.parametrize(("claims", "role", "writes"), [
    ({"email": "Ana@Example.org"}, "editor", True),
    ({"email": "boss@example.org", "groups": ["r2p-admins"]}, "admin", True),
    ({"email": "someone@example.org"}, "viewer", False),
], ids=["editor-by-email", "admin-by-claim", "unlisted-viewer"])
def test_single_sign_on_takes_the_role_from_the_rules(with_reviews: Warehouse, claims: dict, role: str,
                                                      writes: bool) -> None:
    app = _open("pages/reviews.py", FORGED, SSO, claims | {"is_logged_in": True})
    assert f"Signed in as **{claims['email']}** ({role}, oidc)" in texts(app)
    assert _can_write(app, "pages/reviews.py") is writes
    assert app.button(key="r2p_sign_out") is not None


def test_single_sign_on_without_a_login_is_read_only_with_a_sign_in_button(with_reviews: Warehouse) -> None:
    app = _open("pages/reviews.py", FORGED, SSO, {"email": "ana@example.org", "is_logged_in": False})
    assert not _can_write(app, "pages/reviews.py") and "**Read-only** until you sign in." in texts(app)
    assert app.button(key="r2p_sign_in").label == "Sign in"


def test_malformed_role_rules_are_named_and_everyone_stays_read_only(with_reviews: Warehouse) -> None:
    broken = SSO | {"r2p_roles": {"admins": "boss@example.org"}}
    app = _open("pages/reviews.py", secrets=broken, user={"email": "boss@example.org", "is_logged_in": True})
    assert [e.value for e in app.sidebar.error] == [
        "Sign-in configuration: [r2p_roles] admins must be a list of e-mail addresses. Everyone is read-only until "
        "it is fixed."]
    assert not _can_write(app, "pages/reviews.py")


def test_five_wrong_passwords_lock_the_name_even_for_the_right_one(with_reviews: Warehouse, tmp_path: Path,
                                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    accounts_file(tmp_path, monkeypatch, {"lena": Role.EDITOR})  # a name no other test signs in with
    app = _open("pages/reviews.py")
    for _ in range(5):
        sign_in(app, "lena", "not the password")
    sign_in(app, "lena")
    assert "too many failed attempts for this name" in " ".join(e.value for e in app.sidebar.error)
    assert not _can_write(app, "pages/reviews.py")
