"""The Country page's pydeck event map draws in a real browser with every non-localhost request blocked."""

from __future__ import annotations

import io

import numpy as np
import pytest
from PIL import Image

from r2p.figures.event_map import VIOLENCE
from tests.browser.conftest import OfflinePage, Server

pytestmark = pytest.mark.browser

DECK = "[data-testid='stDeckGlJsonChart']"


def _event_pixels(png: bytes) -> int:
    """How many pixels are (close to) one of the violence-type colours: the event dots actually drawn."""
    pixels = np.asarray(Image.open(io.BytesIO(png)).convert("RGB"), dtype=np.int16)
    found = np.zeros(pixels.shape[:2], dtype=bool)
    for _, colour in VIOLENCE.values():
        found |= np.abs(pixels - np.array(colour)).max(axis=2) < 40
    return int(found.sum())


def test_country_events_draw_on_a_local_blank_style_with_no_internet(server: Server,
                                                                      offline_page: OfflinePage) -> None:
    page = offline_page.page
    style_requests: list[str] = []
    page.on("request", lambda request: style_requests.append(request.url) if "blank_map_style" in request.url else 0)
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
    assert any(url.startswith(server.url) for url in style_requests), "the local blank style was not loaded"
    assert offline_page.blocked == []
