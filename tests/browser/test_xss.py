"""Hostile text in an actor, a situation, an engagement, an assessment and a country note is shown as text in a
real browser: no script runs, no element or image is made from it, and no request leaves for the image URL."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import duckdb
import pytest
from playwright.sync_api import Page

from tests.browser.conftest import OfflinePage, Server, running_server

pytestmark = pytest.mark.browser

PAYLOADS = ('<script>window.__xss=1</script>', '<img src=x onerror="window.__xss=1">', '"><svg onload=window.__xss=1>',
            "![x](http://127.0.0.1:1/x.png)")
HOSTILE = " ".join(PAYLOADS)
TRAP = "127.0.0.1:1/"  # the Markdown image's address: any request to it means an image was made from data
ACTOR = "un.xss"  # sorts first among UN actors (its short name starts with '"'), so the Actor view opens on it
ACTIVE = "un.xss_active"


def _seed(path: Path) -> None:
    """Hostile text everywhere a person's or an import's text lands, written straight into the file."""
    with duckdb.connect(str(path)) as connection:
        connection.execute(
            "INSERT INTO actor (actor_id, name, kind, short_name, note, established, dissolved, successor_id,"
            " verified, established_precision, dissolved_precision)"
            " VALUES ($id, $name, 'un_principal_organ', $short, $note, DATE '2001-01-01', DATE '2020-12-31',"
            " 'un.sc', true, 'day', 'day')",
            {"id": ACTOR, "name": f"Actor {HOSTILE}", "short": PAYLOADS[2], "note": f"Actor note {HOSTILE}"})
        connection.execute(  # a second actor, still engaged today, so the briefing lists its engagement
            "INSERT INTO actor (actor_id, name, kind, short_name, established, verified, established_precision)"
            " VALUES ($id, $name, 'un_principal_organ', $short, DATE '2001-01-01', true, 'day')",
            {"id": ACTIVE, "name": f"Active actor {HOSTILE}", "short": f"Active {PAYLOADS[3]}"})
        for number, actor, ended in ((9001, ACTOR, date(2019, 12, 31)), (9002, ACTIVE, None)):
            connection.execute(
                "INSERT INTO engagement (engagement_id, actor_id, situation_id, kind, started, ended, verified, note,"
                " title, started_precision, ended_precision) VALUES ($n, $id, 'sdn', 'mandate', DATE '2019-01-01',"
                " $ended, true, $note, $title, 'day', 'day')",
                {"n": number, "id": actor, "ended": ended, "note": f"Engagement note {HOSTILE}",
                 "title": f"Engagement {HOSTILE}"})
        connection.execute("UPDATE situation SET note = $note WHERE situation_id = 'sdn'",
                           {"note": f"Situation note {HOSTILE}"})
        connection.execute(
            "INSERT INTO assessment (iso3, period, tier, rationale, author, created_at)"
            " VALUES ('SDN', 2025, 'High', $rationale, $author, TIMESTAMP '2026-11-01 12:00:00')",
            {"rationale": f"Rationale {HOSTILE}", "author": f"Analyst {PAYLOADS[0]}"})
        connection.execute(
            "INSERT INTO country_note (iso3, body, author, created_at)"
            " VALUES ('SDN', $body, $author, TIMESTAMP '2026-11-02 12:00:00')",
            {"body": f"Country note {HOSTILE}", "author": f"Author {PAYLOADS[1]}"})
        connection.execute("CHECKPOINT")


@pytest.fixture(scope="module")
def hostile_server(template_warehouse: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    folder = tmp_path_factory.mktemp("xss")
    template = folder / "hostile-template.duckdb"
    shutil.copyfile(template_warehouse, template)  # follows the symlink: the current version's file
    _seed(template)
    (folder / "server").mkdir()
    with running_server(template, folder / "server") as server:
        yield server


def _open(offline: OfflinePage, url: str, heading: str, expected: str) -> tuple[Page, list[str], list[str]]:
    """Load a page and wait until the hostile text is drawn; returns the page, dialogs and requests seen."""
    page, dialogs, requests = offline.page, [], []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    page.on("request", lambda request: requests.append(request.url))
    page.goto(url)
    page.get_by_role("heading", name=heading).first.wait_for(timeout=90_000)
    page.get_by_text(expected).first.wait_for(timeout=60_000)  # the payload, literally, as text
    page.wait_for_load_state("networkidle")
    return page, dialogs, requests


def _assert_inert(page: Page, dialogs: list[str], requests: list[str], server: Server) -> None:
    assert page.evaluate("typeof window.__xss") == "undefined"
    assert dialogs == []
    assert page.locator('img[src="x"]').count() == 0 and page.locator("svg[onload]").count() == 0
    # NOTE: Streamlit's Markdown (GFM) turns a bare http:// address in text into a link even when escaped: a
    # click-only link is allowed, an image (fetched on sight) is not; no link may run script.
    assert page.locator(f'img[src*="{TRAP}"]').count() == 0 and page.locator("a[href^='javascript:' i]").count() == 0
    assert page.evaluate("[...document.scripts].filter(s => s.textContent.includes('__xss')).length") == 0
    assert [url for url in requests if TRAP in url] == []
    assert "Traceback" not in (server.warehouse.parent / "streamlit.log").read_text()


def test_country_page_shows_the_note_and_its_author_as_text(hostile_server: Server,
                                                            offline_page: OfflinePage) -> None:
    page, dialogs, requests = _open(offline_page, f"{hostile_server.url}/country?country=SDN&period=2025",
                                    "Sudan (SDN)", f"Country note {HOSTILE}")
    text = page.inner_text("body")
    assert f"Country note {HOSTILE}" in text and f"Author {PAYLOADS[1]}" in text
    # The assessment: its tier is drawn, its author and rationale are in the (Markdown) tooltip of the metric.
    page.locator("[data-testid='stMetric']", has_text="Assessed tier (analyst)").get_by_text("High").wait_for()
    page.locator("[data-testid='stMetric']", has_text="Assessed tier (analyst)").locator(
        "[data-testid='stTooltipHoverTarget']").hover()
    page.get_by_text(f"Rationale {HOSTILE}").first.wait_for(timeout=30_000)
    _assert_inert(page, dialogs, requests, hostile_server)


def test_engagement_page_shows_actor_situation_and_lineage_as_text(hostile_server: Server,
                                                                   offline_page: OfflinePage) -> None:
    page, dialogs, requests = _open(offline_page, f"{hostile_server.url}/engagement?country=SDN", "Engagement",
                                    f"Situation note {HOSTILE}")
    page.get_by_text(f"Actor note {HOSTILE}").first.wait_for(timeout=60_000)
    text = page.inner_text("body")
    assert f"Actor {HOSTILE} was dissolved" in text  # the dissolved-actor warning
    assert f"{PAYLOADS[2]} → " in text or f" → {PAYLOADS[2]}" in text  # the lineage line
    chosen = page.locator("[data-testid='stSelectbox']").filter(has=page.get_by_text("Actor", exact=True))
    shown = chosen.first.evaluate("e => e.textContent + [...e.querySelectorAll('input')].map(i => i.value + ' ' +"
                                  " (i.getAttribute('aria-label') || '')).join(' ')")
    assert f"{PAYLOADS[2]} — Actor {HOSTILE}" in shown, shown  # the Actor selectbox's chosen option
    _assert_inert(page, dialogs, requests, hostile_server)


def test_meeting_prep_stays_inert(hostile_server: Server, offline_page: OfflinePage) -> None:
    listed = f"Engagement {HOSTILE}"  # a cell of the pack preview's engagement table, literally
    page, dialogs, requests = _open(offline_page, f"{hostile_server.url}/meeting_prep?country=SDN", "Engagement",
                                    listed)
    page.get_by_role("heading", name="Sources and method").first.wait_for(timeout=90_000)
    _assert_inert(page, dialogs, requests, hostile_server)
