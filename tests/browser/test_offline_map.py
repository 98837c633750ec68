"""The Overview world map draws in a real browser with every non-localhost request blocked."""

from __future__ import annotations

import io

import numpy as np
import pytest
from PIL import Image

from tests.browser.conftest import OfflinePage, Server

pytestmark = pytest.mark.browser

RENDERED_FILLS = """() => {
  const map = document.querySelector('.js-plotly-plot')._fullLayout.map._subplot.map;
  const fills = map.getStyle().layers.filter(l => l.type === 'fill').map(l => l.id);
  return map.queryRenderedFeatures({layers: fills}).length;
}"""


def _coloured_share(png: bytes) -> float:
    """Share of pixels that are neither white nor grey: the choropleth's colours."""
    pixels = np.asarray(Image.open(io.BytesIO(png)).convert("RGB"), dtype=np.int16)
    spread = pixels.max(axis=2) - pixels.min(axis=2)
    return float((spread > 25).mean())


def test_country_shapes_draw_with_no_internet(server: Server, offline_page: OfflinePage) -> None:
    page = offline_page.page
    page.goto(f"{server.url}/?indicator=wdi.infant_mortality&period=2020&country=SDN")
    chart = page.locator(".js-plotly-plot").first
    chart.wait_for(timeout=60_000)
    page.wait_for_function("() => { const g = document.querySelector('.js-plotly-plot');"
                           " return g && g._fullLayout.map && g._fullLayout.map._subplot.map.loaded(); }",
                           timeout=60_000)
    # Every country with a value, plus the no-data ones, is a rendered polygon feature.
    assert page.evaluate(RENDERED_FILLS) >= 150
    assert _coloured_share(chart.screenshot()) > 0.10
    assert "Infant mortality rate, 2020 — DEMO" in chart.inner_text()
    assert offline_page.blocked == []
