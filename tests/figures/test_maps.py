"""The world choropleth builder: pure, offline, and honest about missing data."""

from __future__ import annotations

import copy
import json
import math

import pandas as pd
import plotly.graph_objects as go

from r2p import geo
from r2p.figures.maps import NO_DATA_COLOUR, SHAPES_URL, TILE_PX, fit_world, with_inline_geometry, world_choropleth
from r2p.figures.tier_map import tier_choropleth
from r2p.tiers import tier_table
from r2p.warehouse import Warehouse
from tests.helpers.data import ROOT
from tests.helpers.real_warehouse import real_warehouse

VALUES = pd.DataFrame({"iso3": ["SDN", "MMR", "SGP"], "name": ["Sudan", "Myanmar", "Singapore"],
                       "value": [0.09, 0.05, 0.001]})


def _build(higher_is_worse: bool = True):  # noqa: ANN202
    return world_choropleth(VALUES, geo.load_country_shapes(), geo.load_small_states(), "Risk, 2025", "probability",
                            higher_is_worse)


def test_three_layers_no_data_values_and_small_state_markers() -> None:
    no_data, values, markers = _build().data
    assert set(values.locations) == {"SDN", "MMR"}  # Singapore has no 1:110m polygon...
    assert list(markers.text) == ["Singapore"]  # ...so it is drawn as a dot
    assert "SDN" not in set(no_data.locations) and "FRA" in set(no_data.locations)
    assert no_data.colorscale[0][1] == NO_DATA_COLOUR and "ATA" not in set(no_data.locations)


def test_no_basemap_tiles_or_external_style() -> None:
    layout = _build().layout
    assert layout.map.style == "white-bg"
    assert "http" not in json.dumps(layout.to_plotly_json())


def test_darker_always_means_worse() -> None:
    assert _build(higher_is_worse=True).data[1].reversescale is False
    assert _build(higher_is_worse=False).data[1].reversescale is True


def test_building_a_map_does_not_change_the_shared_geometry() -> None:
    shapes = geo.load_country_shapes()
    before = copy.deepcopy(shapes)
    _build()
    assert shapes == before


def test_the_served_copy_of_the_shapes_is_identical_to_the_packaged_one() -> None:
    # The Overview's maps point the browser at static/ (SHAPES_URL); a stale copy would draw old borders.
    served = ROOT / "static" / SHAPES_URL.removeprefix("app/static/")
    assert served.read_bytes() == (ROOT / "src" / "r2p" / "geo" / "countries_110m.geojson").read_bytes()


def test_a_figure_pointing_at_the_served_shapes_exports_with_them_inline() -> None:
    figure = world_choropleth(VALUES, geo.load_country_shapes(), geo.load_small_states(), "Risk, 2025", "probability",
                              True, geojson_url=SHAPES_URL)
    assert {trace.geojson for trace in figure.data if trace.type == "choroplethmap"} == {SHAPES_URL}
    inline = with_inline_geometry(figure)
    assert all(trace.geojson["features"] for trace in inline.data if trace.type == "choroplethmap")
    assert figure.data[0].geojson == SHAPES_URL  # the shown figure is left as it was


def test_an_exported_real_tier_map_shows_the_world_once_across_the_image() -> None:
    tiers = tier_table(Warehouse(str(real_warehouse())), "composite-1", 2024)
    on_screen = tier_choropleth(tiers, geo.load_country_shapes(), geo.load_small_states(), "t",
                                geojson_url=SHAPES_URL)
    before = on_screen.to_json()
    for width in (1100, 1600):
        fitted = fit_world(on_screen, width)
        world_px = TILE_PX * 2 ** fitted.layout.map.zoom
        assert width <= world_px <= width * 1.01  # on screen (zoom 0.6) the world was 776 px: two copies
        assert fitted.layout.map.center.lon == 0
        assert fitted.layout.height > width / 2 and math.isclose(fitted.layout.height / width, 0.60, abs_tol=0.1)
    assert on_screen.to_json() == before
    plain = go.Figure(go.Bar(x=[1], y=[2]))
    assert fit_world(plain, 1100) is plain
