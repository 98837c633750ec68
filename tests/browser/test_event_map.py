"""The Country page's event map draws in a real browser with every non-localhost request blocked: Plotly's MapLibre
map on a blank style (the Overview's), the country among its neighbours, the event dots, and no other map library."""

from __future__ import annotations

import io

import numpy as np
import pytest
from PIL import Image

from r2p.figures.event_map import FOCUS_FILL, VIOLENCE
from tests.browser.conftest import OfflinePage, Server

pytestmark = pytest.mark.browser

EVENTS_MAP = ".st-key-country_events .js-plotly-plot"
LOADED = """(selector) => { const g = document.querySelector(selector);
  return !!(g && g._fullLayout && g._fullLayout.map && g._fullLayout.map._subplot.map.loaded()); }"""
RENDERED = """(selector) => {
  const map = document.querySelector(selector)._fullLayout.map._subplot.map;
  const layers = type => map.getStyle().layers.filter(l => l.type === type).map(l => l.id);
  return [map.queryRenderedFeatures({layers: layers('fill')}).length,
          map.queryRenderedFeatures({layers: layers('circle')}).length]; }"""


def _pixels(png: bytes, colours: list[tuple[int, int, int]], within: int) -> int:
    """How many pixels are (close to) one of the colours."""
    pixels = np.asarray(Image.open(io.BytesIO(png)).convert("RGB"), dtype=np.int16)
    found = np.zeros(pixels.shape[:2], dtype=bool)
    for colour in colours:
        found |= np.abs(pixels - np.array(colour)).max(axis=2) < within
    return int(found.sum())


def test_country_events_draw_over_the_outline_with_no_basemap_and_no_internet(server: Server,
                                                                              offline_page: OfflinePage) -> None:
    page = offline_page.page
    fetched: list[str] = []
    page.on("request", lambda request: fetched.append(request.url))
    # NOTE: start at the root: on a server that has not run app.py yet, /country is served in Streamlit's legacy
    # pages/ mode without the router (see tests/pages/conftest.py).
    page.goto(f"{server.url}/?country=MMR&period=2025&indicator=ewp.risk_2yr")
    page.locator(".js-plotly-plot").first.wait_for(timeout=90_000)  # the first run (router, view from link) is done
    page.locator("[data-testid='stSidebarNavLink']", has_text="Country").first.click()
    page.get_by_role("heading", name="Myanmar (MMR)").wait_for(timeout=60_000)
    chart = page.locator(EVENTS_MAP).first
    chart.wait_for(timeout=90_000)
    chart.scroll_into_view_if_needed()
    page.wait_for_function(LOADED, arg=EVENTS_MAP, timeout=60_000)
    outlines, dots = page.evaluate(RENDERED, EVENTS_MAP)
    assert outlines >= 2 and dots > 0  # the country and its neighbours, and the events
    drawn = 0
    for _ in range(20):  # MapLibre paints a frame or two after it reports loaded
        drawn = _pixels(chart.screenshot(), [colour for _, colour in VIOLENCE.values()], 40)
        if drawn > 100:
            break
        page.wait_for_timeout(500)  # not time.sleep: Playwright must keep serving the routed requests
    assert drawn > 100, "no event dots were drawn"
    assert _pixels(chart.screenshot(), [FOCUS_FILL], 4) > 10_000, "the country's outline was not drawn"
    # one map library: no deck.gl canvas; a blank style: no style, tile or glyph fetched, nothing off this host
    assert page.locator("[data-testid='stDeckGlJsonChart']").count() == 0
    assert not [url for url in fetched if any(word in url for word in ("style.json", "/tiles/", "glyphs", ".pbf"))]
    assert offline_page.blocked == []
