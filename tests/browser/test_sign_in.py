"""Signing in with a local account in a real browser: the form appears only after sign-in, and goes at sign-out."""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import Browser

from r2p.access.accounts import Account, save
from r2p.access.rights import Role
from tests.browser.conftest import running_server
from tests.helpers.signin import PASSWORD, password_hash

pytestmark = pytest.mark.browser


def test_an_editor_signs_in_sees_the_assessment_form_and_signs_out(browser: Browser, template_warehouse: Path,
                                                                   tmp_path: Path) -> None:
    accounts = tmp_path / "accounts.toml"
    save(accounts, {"ana": Account("ana", Role.EDITOR, password_hash())})
    with running_server(template_warehouse, tmp_path, {"R2P_ACCOUNTS": str(accounts)}) as server:
        page = browser.new_page()
        page.goto(f"{server.url}/country?country=SDN&role=admin&user=ana")
        page.get_by_text("Read-only: sign in as editor (or above) to record an assessment.").wait_for(timeout=90_000)
        assert page.get_by_role("button", name="Save assessment").count() == 0
        page.get_by_label("Account name").fill("ana")
        page.get_by_label("Password", exact=True).fill(PASSWORD)
        page.get_by_role("button", name="Sign in").click()
        page.get_by_role("button", name="Save assessment").wait_for(timeout=60_000)
        assert page.get_by_text("(editor, local account)").count() == 1
        page.get_by_role("button", name="Sign out").click()
        page.get_by_text("Read-only: sign in as editor (or above) to record an assessment.").wait_for(timeout=60_000)
        assert page.get_by_role("button", name="Save assessment").count() == 0
        assert page.locator("[data-testid='stException']").count() == 0
        page.close()
    log = (tmp_path / "streamlit.log").read_text()
    assert "Traceback" not in log, log
