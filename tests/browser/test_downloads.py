"""Downloads that open: a real Chromium clicks the buttons on the live server, with the internet blocked."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from openpyxl import load_workbook
from playwright.sync_api import Browser
from pypdf import PdfReader

from tests.browser.conftest import OfflinePage, Server, running_server

pytestmark = pytest.mark.browser
BUILD_MS = 180_000  # a cold pack: Chromium's first start for kaleido, three charts, the layout


def _open(offline_page: OfflinePage, server: Server, path: str, heading: str) -> None:
    # A fresh server's first request is covered by tests/browser/test_direct_links.py.
    page = offline_page.page
    page.goto(f"{server.url}{path}")
    page.get_by_role("heading", name=heading).first.wait_for(timeout=60_000)


def _download(offline_page: OfflinePage, button_name: str, tmp_path: Path) -> Path:
    page = offline_page.page
    button = page.get_by_role("button", name=button_name, exact=True).first  # not plotly's "Download plot as a PNG"
    button.wait_for(timeout=60_000)
    with page.expect_download(timeout=BUILD_MS) as started:
        button.click()
    saved = tmp_path / started.value.suggested_filename
    started.value.save_as(saved)
    return saved


def test_the_meeting_prep_pdf_pack_downloads_and_opens(server: Server, offline_page: OfflinePage,
                                                       tmp_path: Path) -> None:
    _open(offline_page, server, "/meeting_prep?country=SDN&since=2024-01-01", "Briefing pack: Sudan (SDN)")
    link = offline_page.page.locator("[data-testid='stCode']").first.inner_text().strip()
    assert link.startswith(f"{server.url}/meeting_prep?country=SDN&period=") and "since=2024-01-01" in link
    saved = _download(offline_page, "Briefing pack (PDF)", tmp_path)
    assert saved.name.startswith("r2p-briefing-sdn-") and saved.name.endswith("-DEMO.pdf")
    reader = PdfReader(saved)
    text = "\n".join(page.extract_text() for page in reader.pages)
    assert "Bottom line" in reader.pages[0].extract_text()
    assert len(reader.pages) >= 4 and "Sudan (SDN)" in text and "UNCLASSIFIED" in text and "DEMO" in text
    assert "What changed since 2024-01-01" in text.replace("\n", " ") and "Who should be in the room" in text
    assert offline_page.blocked == []


def test_a_chart_and_a_table_download_from_their_popovers(server: Server, offline_page: OfflinePage,
                                                          tmp_path: Path) -> None:
    page = offline_page.page
    _open(offline_page, server, "/meeting_prep?country=SDN&since=2024-01-01", "Briefing pack: Sudan (SDN)")
    page.get_by_role("button", name="Download chart").first.click()
    png = _download(offline_page, "PNG", tmp_path).read_bytes()
    assert png.startswith(b"\x89PNG\r\n\x1a\n") and len(png) > 20_000
    _open(offline_page, server, "/data_methods", "Data & methods")
    page.get_by_role("button", name="Download table").first.click()
    workbook = load_workbook(io.BytesIO(_download(offline_page, "XLSX (with an About sheet)", tmp_path).read_bytes()))
    assert workbook.sheetnames == ["Data", "About"]
    assert ("Handling marking", "UNCLASSIFIED") in set(workbook["About"].iter_rows(values_only=True))
    assert offline_page.blocked == []


def test_without_chromium_the_page_says_so_at_the_buttons(browser: Browser, template_warehouse: Path,
                                                          tmp_path: Path) -> None:
    missing = "/nonexistent/chromium"
    with running_server(template_warehouse, tmp_path, {"BROWSER_PATH": missing}) as server:
        page = browser.new_page()
        page.goto(f"{server.url}/meeting_prep?country=SDN&since=2024-01-01")
        page.get_by_role("heading", name="Briefing pack: Sudan (SDN)").wait_for(timeout=90_000)
        # The pack: a warning where its buttons would be, naming what is missing and how to install it
        pack = page.get_by_text("The briefing pack cannot be built on this server.")
        pack.wait_for(timeout=60_000)
        assert missing in pack.inner_text() and "make browser" in pack.inner_text()
        assert page.get_by_role("button", name="Briefing pack (PDF)").count() == 0
        # A chart: the same words inside its download menu, with its buttons disabled
        page.get_by_role("button", name="Download chart").first.click()
        page.get_by_text(f"there is none at {missing}").first.wait_for(timeout=30_000)
        assert page.get_by_role("button", name="PNG", exact=True).first.is_disabled()  # ours, not plotly's modebar
        text = page.locator("[data-testid='stMain']").inner_text()
        assert "get_chrome" not in text and "kaleido" not in text.lower()
        page.close()
    log = (tmp_path / "streamlit.log").read_text()
    assert "Traceback" not in log, log
