"""The Country page's pydeck event map draws in a real browser with every non-localhost request blocked."""

from __future__ import annotations

import io

import numpy as np
import pytest
from PIL import Image

from r2p.figures.event_map import FOCUS_FILL, VIOLENCE
from tests.browser.conftest import OfflinePage, Server

pytestmark = pytest.mark.browser

DECK = "[data-testid='stDeckGlJsonChart']"


def _pixels(png: bytes, colours: list[tuple[int, int, int]], within: int) -> int:
    """How many pixels are (close to) one of the colours."""
    pixels = np.asarray(Image.open(io.BytesIO(png)).convert("RGB"), dtype=np.int16)
    found = np.zeros(pixels.shape[:2], dtype=bool)
    for colour in colours:
        found |= np.abs(pixels - np.array(colour)).max(axis=2) < within
    return int(found.sum())


def _event_pixels(png: bytes) -> int:
    """The event dots actually drawn: pixels close to one of the violence-type colours."""
    return _pixels(png, [colour for _, colour in VIOLENCE.values()], 40)


def test_country_events_draw_over_the_outline_with_no_basemap_and_no_internet(server: Server,
                                                                              offline_page: OfflinePage) -> None:
    page = offline_page.page
    style_requests: list[str] = []
    page.on("request", lambda request: style_requests.append(request.url)
            if "style.json" in request.url or "map_style" in request.url else 0)
    # NOTE: start at the root: on a server that has not run app.py yet, /country is served in Streamlit's legacy
    # pages/ mode without the router (see tests/pages/conftest.py).
    page.goto(f"{server.url}/?country=MMR&period=2025&indicator=ewp.risk_2yr")
    page.locator(".js-plotly-plot").first.wait_for(timeout=90_000)  # the first run (router, view from link) is done
    page.locator("[data-testid='stSidebarNavLink']", has_text="Country").first.click()
    page.get_by_role("heading", name="Myanmar (MMR)").wait_for(timeout=60_000)
    deck = page.locator(DECK).first
    deck.wait_for(timeout=90_000)
    deck.scroll_into_view_if_needed()
    page.locator(f"{DECK} canvas").first.wait_for(timeout=60_000)
    drawn = 0
    for _ in range(40):  # deck.gl draws a frame or two after the canvas appears
        drawn = _event_pixels(deck.screenshot())
        if drawn > 200:
            break
        page.wait_for_timeout(500)  # not time.sleep: Playwright must keep serving the routed requests
    assert drawn > 200, "no event dots were drawn"
    assert _pixels(deck.screenshot(), [FOCUS_FILL], 4) > 10_000, "the country's outline was not drawn"
    # deck.gl's canvas alone: no MapLibre map (a second WebGL context), no map style asked for, nothing fetched
    assert deck.locator("canvas").count() == 1 and deck.locator(".maplibregl-map, .mapboxgl-map").count() == 0
    assert style_requests == [] and offline_page.blocked == []
