"""Chart export: PNG, SVG and PDF with title, provenance, DEMO and the marking, the on-screen figure untouched."""

from __future__ import annotations

import json
import threading
import time
from datetime import UTC, datetime

import pandas as pd
import plotly.graph_objects as go
import pytest

from r2p import geo
from r2p.exports.charts import PNG_SCALE, WIDTH, ChartMeta, chart_content, export_figure, framed_figure
from r2p.exports.renderer import Renderer, RenderError, render
from r2p.figures.event_charts import casualty_trend_chart
from r2p.figures.tier_charts import contribution_chart
from r2p.figures.tier_map import tier_choropleth
from r2p.provenance import Provenance

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


def _figure() -> go.Figure:
    parts = pd.DataFrame({"name": ["Armed conflict", "Weakness of State structures"], "part": [0.9, 0.4]})
    return contribution_chart(parts, "What makes up the 2025 score: risk factors (composite-1)")


def _meta(is_demo: bool = True, marking: str = "OFFICIAL USE ONLY") -> ChartMeta:
    return ChartMeta(title="What makes up the 2025 score — Côte d'Ivoire", subtitle="Parts add up to the score",
                     provenance=Provenance("R2P Watch demo data", "2025-12-31", "composite-1", is_demo),
                     marking=marking, generated_at=datetime(2026, 11, 23, 9, 30, tzinfo=UTC))


def _png_size(data: bytes) -> tuple[int, int]:
    return int.from_bytes(data[16:20], "big"), int.from_bytes(data[20:24], "big")


def test_png_svg_and_pdf_carry_title_provenance_demo_and_the_marking(warm_renderer: None) -> None:
    figure = _figure()
    before = figure.to_json()
    png, svg, pdf = (export_figure(figure, _meta(), fmt) for fmt in ("png", "svg", "pdf"))
    assert png.startswith(PNG_SIGNATURE) and len(png) > 20_000
    width, height = _png_size(png)
    assert width == WIDTH * PNG_SCALE and height > (int(figure.layout.height) + 100) * PNG_SCALE
    text = svg.decode("utf-8")
    assert text.lstrip().startswith("<svg")
    assert "What makes up the 2025 score — Côte d'Ivoire" in text
    assert "DEMO" in text and text.count("OFFICIAL USE ONLY") == 2  # the marking top and bottom
    assert "Source: R2P Watch demo data · data as of 2025-12-31 · tier method composite-1" in text
    assert "Parts add up to the score" in text
    assert pdf.startswith(b"%PDF") and len(pdf) > 5_000
    assert figure.to_json() == before  # the on-screen figure is never changed


def test_real_data_carries_no_demo_label_and_the_marking_defaults_to_the_setting(
        warm_renderer: None, marked: str) -> None:
    meta = ChartMeta(title="Backtest", provenance=Provenance("EWP", "2025-12-31"))
    assert meta.marking == marked and meta.provenance.is_demo is False
    svg = export_figure(_figure(), meta, "svg").decode("utf-8")
    assert "DEMO" not in svg and svg.count(marked) == 2


def test_the_frame_places_every_band_inside_the_figure_without_touching_the_chart() -> None:
    figure = _figure()
    content = chart_content(figure)
    assert content.layout.title.text is None and figure.layout.title.text.startswith("What makes up")
    frame = framed_figure(b"<svg/>", "svg", _meta(), WIDTH, 400)
    texts = [a.text for a in frame.layout.annotations]
    by_height = sorted((a for a in frame.layout.annotations if a.text != "DEMO"), key=lambda a: a.y)
    assert by_height[0].text == by_height[-1].text == "<b>OFFICIAL USE ONLY</b>"  # the first and last line
    assert all(0 <= a.y <= 1 for a in frame.layout.annotations)
    assert "DEMO" in texts and any(t.startswith("DEMO — synthetic data") for t in texts)
    image = frame.layout.images[0]
    assert image.source.startswith("data:image/svg+xml;base64,")
    assert image.sizey == pytest.approx(400 / frame.layout.height)


def test_markup_in_titles_is_shown_as_text() -> None:
    frame = framed_figure(b"<svg/>", "svg", ChartMeta(title="<script>x</script> & more", marking="M"), WIDTH, 300)
    assert any("&lt;script&gt;x&lt;/script&gt; &amp; more" in a.text for a in frame.layout.annotations)


def test_an_unknown_format_is_refused() -> None:
    with pytest.raises(ValueError, match="unknown chart format"):
        export_figure(_figure(), _meta(), "gif")


@pytest.mark.slow
def test_a_tier_map_exports_offline(warm_renderer: None) -> None:
    tiers = pd.DataFrame({"iso3": ["SDN", "CIV"], "name": ["Sudan", "Côte d'Ivoire"], "tier": ["Very high", "High"],
                          "score": [6.5, 5.1], "coverage": [1.0, 0.9]})
    figure = tier_choropleth(tiers, geo.load_country_shapes(), geo.load_small_states(), "Model tiers, 2025 — DEMO")
    meta = ChartMeta(title="Model tiers, 2025 — DEMO", provenance=Provenance(is_demo=True), marking="M")
    png = export_figure(figure, meta, "png")
    assert png.startswith(PNG_SIGNATURE) and len(png) > 50_000  # the countries are drawn, not only a legend


def test_a_warm_export_is_fast_enough_to_click(warm_renderer: None) -> None:
    export_figure(_figure(), _meta(), "png")
    started = time.perf_counter()
    export_figure(_figure(), _meta(), "png")
    assert time.perf_counter() - started < 10  # measured here: about 1 s (two renders: chart, then frame)


def test_threads_share_the_renderer_and_each_gets_its_own_chart(warm_renderer: None) -> None:
    results: dict[int, str] = {}

    def export(number: int) -> None:
        meta = ChartMeta(title=f"Chart number {number}", marking="M")
        results[number] = export_figure(_figure(), meta, "svg").decode("utf-8")

    threads = [threading.Thread(target=export, args=(n,)) for n in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(120)
    assert sorted(results) == [0, 1, 2, 3]
    assert all(f"Chart number {n}" in svg and all(f"Chart number {m}" not in svg for m in results if m != n)
               for n, svg in results.items())


def test_without_chromium_an_export_fails_at_once_with_a_clear_message(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("BROWSER_PATH", "/nonexistent/chromium")
    alone = Renderer()
    started = time.perf_counter()
    with pytest.raises(RenderError, match="Chart export needs Chromium"):
        alone.render(json.loads(_figure().to_json()), {"format": "png", "width": 300, "height": 200})
    assert time.perf_counter() - started < 30 and not alone.is_running()


def test_an_empty_marking_or_subtitle_leaves_no_blank_band() -> None:
    frame = framed_figure(b"<svg/>", "svg", ChartMeta(title="Only a title", marking=""), WIDTH, 300)
    texts = [a.text for a in frame.layout.annotations]
    assert texts[0] == "<b>Only a title</b>" and texts[-1].startswith("Source: not stated")


def test_a_plotly_geo_map_is_refused_rather_than_left_to_fetch_outlines_from_a_cdn() -> None:
    geo_map = go.Figure(go.Choropleth(locations=["SDN"], z=[1]))
    with pytest.raises(ValueError, match="country outlines come from a CDN"):
        export_figure(geo_map, _meta(), "png")


def test_the_casualty_trend_counts_events_in_round_steps_when_rendered(warm_renderer: None) -> None:
    """As plotly.js lays it out: the events axis has round ticks of its own, not the deaths axis's gridlines."""
    deaths = pd.DataFrame({"series": ["Battle deaths"] * 3, "period": [2020, 2021, 2022],
                           "value": [2500.0, 30.0, 20.0]})
    events = pd.DataFrame({"year": [2021, 2022], "events": [422, 90]})  # synced to 0–2,500 by 500: 84, 169, …
    figure = casualty_trend_chart(deaths, events, "Deaths and events per year")
    laid_out = json.loads(render(figure.to_dict(), "json", WIDTH, 440))["layout"]
    assert laid_out["yaxis"]["dtick"] == 500
    assert laid_out["yaxis2"]["tickmode"] == "auto" and laid_out["yaxis2"]["dtick"] == 100
