"""WCAG 2.1 AA in a real browser: an axe-core audit of every page, charts with a text alternative, the main
flows by keyboard alone, no sideways scrolling at phone width, and a print view without sidebar or widgets."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Browser, Page

from r2p.access.accounts import Account, save
from r2p.access.rights import Role
from tests.browser.conftest import Server, running_server
from tests.browser.test_downloads import BUILD_MS
from tests.helpers.signin import PASSWORD, password_hash

pytestmark = pytest.mark.browser
# Every page with the heading it opens on (the Country page's is the country's name).
PAGES = {
    "overview": ("/", "Overview"),
    "country": ("/country?country=SDN", "Sudan (SDN)"),
    "trends": ("/trends?country=SDN", "Trends"),
    "engagement": ("/engagement", "Engagement"),
    "meeting_prep": ("/meeting_prep?country=SDN", "Meeting prep"),
    "reviews": ("/reviews", "Reviews"),
    "data_methods": ("/data_methods", "Data & methods"),
    "audit": ("/audit", "Audit log"),
}
WCAG_21_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
PHONE = {"width": 390, "height": 844}
SCROLLERS = "html, body, [data-testid='stApp'], [data-testid='stAppViewContainer'], [data-testid='stMain']"
KEY_PRESSES = 250  # the most Tab presses allowed to reach one control
CONTROLS = {"A", "BUTTON", "INPUT", "SUMMARY", "TEXTAREA"}  # not the main block (its text names everything)


def _settled(page: Page, path: str, heading: str, server: Server) -> None:
    page.goto(f"{server.url}{path}")
    page.get_by_role("heading", name=heading, level=1).wait_for(timeout=90_000)
    _idle(page)


def _idle(page: Page) -> None:
    """The script has finished its run and every element is drawn: Streamlit marks the app element, and shows
    a skeleton for each element of a run still under way (the state can read notRunning before a run starts)."""
    page.wait_for_function("""() => {
        const app = document.querySelector("[data-testid='stApp']");
        return app && app.getAttribute('data-test-script-state') === 'notRunning'
            && !document.querySelector("[data-testid='stSkeleton']"); }""", timeout=120_000)
    page.wait_for_timeout(500)


@pytest.fixture
def phone_page(browser: Browser) -> Iterator[Page]:
    context = browser.new_context(viewport=PHONE)
    yield context.new_page()
    context.close()


@pytest.mark.parametrize("name", PAGES)
def test_axe_finds_no_serious_or_critical_violation(server: Server, offline_page, name: str) -> None:  # noqa: ANN001
    page = offline_page.page
    _settled(page, *PAGES[name], server)
    results = Axe().run(page, options={"runOnly": {"type": "tag", "values": WCAG_21_AA}})
    assert results.response["testEngine"]["name"] == "axe-core"  # the audit ran, from the local axe.min.js
    severe = [f"{v['id']} ({v['impact']}): {v['help']} at {[n['target'] for n in v['nodes'][:3]]}"
              for v in results.response["violations"] if v["impact"] in {"serious", "critical"}]
    assert severe == []
    assert offline_page.blocked == []


def test_every_chart_has_a_summary_and_its_data_as_a_table(server: Server, offline_page) -> None:  # noqa: ANN001
    page = offline_page.page
    _settled(page, *PAGES["country"], server)
    # The events map says itself in words (its summary caption) and lists every event ("Events as a table")
    events_map = page.locator(".st-key-country_events [data-testid='stPlotlyChart']")
    assert events_map.count() == 1 and page.get_by_text("Events as a table").count() == 1
    charts = page.locator("[data-testid='stPlotlyChart']").count() - 1
    assert charts >= 2
    summaries = page.get_by_text("The table below holds every value.")
    assert summaries.count() == charts
    assert page.get_by_text("Chart data as a table").count() == charts
    page.get_by_text("Chart data as a table").first.click()
    table = page.locator("[data-testid='stTable'] table").first
    table.wait_for(timeout=30_000)
    assert table.locator("tbody tr").count() >= 2 and table.locator("th").count() >= 2


@pytest.mark.parametrize("name", PAGES)
def test_at_phone_width_the_page_does_not_scroll_sideways(server: Server, phone_page: Page, name: str) -> None:
    _settled(phone_page, *PAGES[name], server)
    assert phone_page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    # Streamlit scrolls its main block, not the document: that must not scroll sideways either
    widest = phone_page.evaluate(f"Math.max(...[...document.querySelectorAll(\"{SCROLLERS}\")]"
                                 ".map(element => element.scrollWidth - element.clientWidth))")
    assert widest <= 0


@pytest.mark.parametrize("name", ["country", "meeting_prep"])
def test_the_print_view_shows_the_page_without_sidebar_or_widgets(server: Server, offline_page,  # noqa: ANN001
                                                                  name: str) -> None:
    page = offline_page.page
    _settled(page, *PAGES[name], server)
    widgets = page.locator("[data-testid='stSelectbox'], [data-testid='stPopover']")
    assert page.locator("[data-testid='stSidebar']").first.is_visible() and widgets.first.is_visible()
    page.emulate_media(media="print")
    assert not page.locator("[data-testid='stSidebar']").first.is_visible()
    assert all(not widget.is_visible() for widget in widgets.all())
    assert page.get_by_role("heading", name=PAGES[name][1], level=1).is_visible()
    assert page.locator("[data-testid='stPlotlyChart']").first.is_visible()
    pdf = page.pdf(format="A4")
    assert pdf.startswith(b"%PDF")


# Keyboard alone: Tab moves the focus, typed keys, Space and Enter choose; nothing is clicked. The page is
# only read (which element has the focus, what appeared) between key presses.
def _focused(page: Page) -> tuple[str, list[str]]:
    """The focused element's tag and the lines of its accessible name (label, aria-label or text)."""
    tag, name = page.evaluate("""() => { const e = document.activeElement; if (!e) return ['', ''];
        const label = e.getAttribute('aria-label') || (e.labels && e.labels[0] && e.labels[0].innerText) || '';
        return [e.tagName, (label || e.innerText || e.value || '')]; }""")
    return tag, [line.strip() for line in name.splitlines() if line.strip()]


def _tab_to(page: Page, name: str, tag: str | None = None) -> None:
    """Press Tab until the control named `name` (a line of its name; of this tag, if given) has the focus."""
    trail = []
    for _ in range(KEY_PRESSES):
        page.keyboard.press("Tab")
        focused_tag, lines = _focused(page)
        trail.append(f"{focused_tag}:{'/'.join(lines)[:40]}")
        if focused_tag in ({tag} if tag else CONTROLS) and name in lines:
            return
    raise AssertionError(f"{KEY_PRESSES} Tab presses never reached {name!r}: {trail[:80]}")


@pytest.fixture(scope="module")
def editor_server(template_warehouse: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    """A server of its own (a decision writes) with one local editor account."""
    folder = tmp_path_factory.mktemp("keyboard")
    accounts = folder / "accounts.toml"
    save(accounts, {"ana": Account("ana", Role.EDITOR, password_hash())})
    with running_server(template_warehouse, folder, {"R2P_ACCOUNTS": str(accounts)}) as started:
        yield started


def test_choose_a_country_and_download_by_keyboard_alone(editor_server: Server, offline_page,  # noqa: ANN001
                                                         tmp_path: Path) -> None:
    page = offline_page.page
    _settled(page, *PAGES["country"], editor_server)
    _tab_to(page, "Country", "INPUT")  # the sidebar's country picker, not the page link
    page.keyboard.type("Chad")
    page.keyboard.press("Enter")
    page.get_by_role("heading", name="Chad (TCD)", level=1).wait_for(timeout=60_000)
    _idle(page)
    page.wait_for_timeout(2_000)  # the link follows the new country in a second run; a popover would close
    _idle(page)
    _tab_to(page, "Download chart")
    page.keyboard.press("Enter")
    # NOTE: Streamlit draws a popover's content at the end of the document, so its buttons come after the
    # rest of the page in the Tab order (the page's charts each add their toolbar's buttons).
    page.get_by_role("button", name="PNG", exact=True).first.wait_for(timeout=30_000)
    _tab_to(page, "PNG")
    with page.expect_download(timeout=BUILD_MS) as started:
        page.keyboard.press("Enter")
    saved = tmp_path / started.value.suggested_filename
    started.value.save_as(saved)
    assert saved.name.startswith("r2p-") and saved.read_bytes().startswith(b"\x89PNG\r\n\x1a\n")
    assert offline_page.blocked == []


def test_sign_in_and_approve_a_review_by_keyboard_alone(editor_server: Server, offline_page) -> None:  # noqa: ANN001
    page = offline_page.page
    _settled(page, *PAGES["reviews"], editor_server)
    _tab_to(page, "Account name")
    page.keyboard.type("ana")
    page.keyboard.press("Tab")
    page.keyboard.type(PASSWORD)
    page.keyboard.press("Enter")
    page.get_by_text("(editor, local account)").wait_for(timeout=60_000)
    _idle(page)
    _tab_to(page, "act")  # the first decision, chosen with the focus on it
    page.keyboard.press("Space")
    _tab_to(page, "Rationale")
    page.keyboard.type("The panel agreed to act on this review.")
    _tab_to(page, "Record decision")
    page.keyboard.press("Enter")
    page.get_by_text("recorded by ana").wait_for(timeout=60_000)
    assert page.locator("[data-testid='stException']").count() == 0
