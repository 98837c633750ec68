"""The Overview's world maps draw in a real browser with every non-localhost request blocked."""

from __future__ import annotations

import io

import numpy as np
import pytest
from PIL import Image
from playwright.sync_api import Page

from tests.browser.conftest import OfflinePage, Server

pytestmark = pytest.mark.browser

TIER_MAP = ".st-key-overview_tier_map .js-plotly-plot"
INDICATOR_MAP = ".st-key-overview_map .js-plotly-plot"  # drawn when chosen above the map
RENDERED_FILLS = """(selector) => {
  const map = document.querySelector(selector)._fullLayout.map._subplot.map;
  const fills = map.getStyle().layers.filter(l => l.type === 'fill').map(l => l.id);
  return map.queryRenderedFeatures({layers: fills}).length;
}"""
LOADED = """(selector) => { const g = document.querySelector(selector);
  return g && g._fullLayout.map && g._fullLayout.map._subplot.map.loaded(); }"""


def _coloured_share(png: bytes) -> float:
    """Share of pixels that are neither white nor grey: the choropleth's colours."""
    pixels = np.asarray(Image.open(io.BytesIO(png)).convert("RGB"), dtype=np.int16)
    spread = pixels.max(axis=2) - pixels.min(axis=2)
    return float((spread > 25).mean())


def _drawn(page: Page, selector: str) -> tuple[int, float, str]:
    chart = page.locator(selector).first
    chart.wait_for(timeout=60_000)
    page.wait_for_function(LOADED, arg=selector, timeout=60_000)
    return page.evaluate(RENDERED_FILLS, selector), _coloured_share(chart.screenshot()), chart.inner_text()


def test_country_shapes_draw_with_no_internet(server: Server, offline_page: OfflinePage) -> None:
    page = offline_page.page
    page.goto(f"{server.url}/?indicator=wdi.infant_mortality&period=2020&country=SDN")
    features, colour, text = _drawn(page, TIER_MAP)
    # Every scored country, plus the unscored ones, is a rendered polygon feature.
    assert features >= 150 and colour > 0.10 and "composite-1" in text and "DEMO" in text
    assert page.locator(INDICATOR_MAP).count() == 0  # only the chosen map is built
    page.get_by_role("radio", name="Indicator map").focus(timeout=60_000)
    page.keyboard.press("Space")  # by keyboard alone
    features, colour, text = _drawn(page, INDICATOR_MAP)
    assert features >= 150 and colour > 0.10
    assert "Infant mortality rate, 2020 — DEMO" in text
    assert offline_page.blocked == []
