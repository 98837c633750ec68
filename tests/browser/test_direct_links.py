"""A copied link opens its page even as a fresh server's very first request."""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import Browser

from tests.browser.conftest import running_server

pytestmark = pytest.mark.browser


@pytest.mark.parametrize(("path", "heading"), [("trends", "Trends"), ("meeting_prep", "Meeting prep")])
def test_a_direct_link_is_the_first_request_a_fresh_server_sees(browser: Browser, template_warehouse: Path,
                                                                 tmp_path: Path, path: str, heading: str) -> None:
    with running_server(template_warehouse, tmp_path) as server:
        page = browser.new_page()
        page.goto(f"{server.url}/{path}?country=MMR&indicator=wdi.infant_mortality&period=2015")
        page.get_by_role("heading", name=heading).first.wait_for(timeout=60_000)
        # The router ran: the shared sidebar shows the linked country, and the page has no error box.
        page.get_by_text("Myanmar (MMR)").first.wait_for(timeout=30_000)
        assert page.locator("[data-testid='stException']").count() == 0
        page.close()
        log = (tmp_path / "streamlit.log").read_text()
        assert "Traceback" not in log, log
