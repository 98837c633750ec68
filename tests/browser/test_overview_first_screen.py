"""The Overview's first screen in a real browser: its short lists are plain tables, so a first visit loads no
data-grid script; the tables below the fold are drawn, with the grid, once opened by keyboard."""

from __future__ import annotations

import pytest

from tests.browser.conftest import OfflinePage, Server

pytestmark = pytest.mark.browser

TIER_MAP = ".st-key-overview_tier_map .js-plotly-plot"
LOADED = """(selector) => { const g = document.querySelector(selector);
  return g && g._fullLayout.map && g._fullLayout.map._subplot.map.loaded(); }"""
IDLE = """() => { const app = document.querySelector("[data-testid='stApp']");
  return app && app.getAttribute('data-test-script-state') === 'notRunning'
      && !document.querySelector("[data-testid='stSkeleton']"); }"""
SCRIPTS = "() => performance.getEntriesByType('resource').map(r => r.name).filter(n => n.endsWith('.js'))"


def _grid_scripts(scripts: list[str]) -> list[str]:
    return [name for name in scripts if name.rsplit("/", 1)[-1].startswith(("DataFrame.", "arrowFormatUtils."))]


def test_the_first_screen_loads_no_grid_and_the_every_country_table_opens_by_keyboard(
        server: Server, offline_page: OfflinePage) -> None:
    page = offline_page.page
    page.goto(f"{server.url}/?country=SDN")
    page.wait_for_function(LOADED, arg=TIER_MAP, timeout=90_000)
    page.wait_for_function(IDLE, timeout=90_000)
    top_risk = page.get_by_role("table").filter(has=page.get_by_role("columnheader", name="Country")).first
    assert top_risk.get_by_role("row").count() == 13  # the header and the twelve highest scores
    assert page.locator("[data-testid='stDataFrame']").count() == 0
    assert _grid_scripts(page.evaluate(SCRIPTS)) == []
    summary = page.locator("summary").filter(has_text="Every country's tier")
    summary.focus()
    page.keyboard.press("Enter")
    page.locator("[data-testid='stDataFrame']").first.wait_for(timeout=90_000)
    assert _grid_scripts(page.evaluate(SCRIPTS)) != []  # loaded only now, for the table asked for
    assert offline_page.blocked == []
