"""The tier map builder: one colour per tier, legend counts, Insufficient data apart from Low, drawn offline."""

from __future__ import annotations

import copy
import json

import pandas as pd

from r2p import geo
from r2p.figures.tier_map import tier_choropleth
from r2p.figures.tier_style import NOT_SCORED_COLOUR, TIER_COLOURS, TIER_ORDER, tier_cell_style
from r2p.vocabulary import INSUFFICIENT

TIERS = pd.DataFrame({"iso3": ["SDN", "MMR", "SGP", "FRA"], "name": ["Sudan", "Myanmar", "Singapore", "France"],
                      "tier": ["Very high", "Very high", "Low", INSUFFICIENT], "score": [7.1, 6.5, 1.0, float("nan")],
                      "coverage": [1.0, 0.9, 1.0, 0.4]})


def _build():  # noqa: ANN202
    return tier_choropleth(TIERS, geo.load_country_shapes(), geo.load_small_states(), "Tiers, 2025")


def _legend(figure) -> dict:  # noqa: ANN001
    return {trace.legendgroup: trace for trace in figure.data if trace.showlegend}


def _drawn(figure, kind: str):  # noqa: ANN001, ANN202
    """The one trace of `kind` that draws scored countries (polygons, or dots for small states)."""
    [trace] = [t for t in figure.data if t.type == kind and len(t.customdata or ())]
    return trace


def _colour(trace, point: int) -> str:  # noqa: ANN001
    """The colour a stepped colour scale paints point `point` with."""
    share = (trace.z[point] - trace.zmin) / (trace.zmax - trace.zmin)
    return next(colour for (start, colour), (end, _) in zip(trace.colorscale[::2], trace.colorscale[1::2],
                                                           strict=True) if start <= share < end)


def test_each_tier_has_its_colour_and_a_legend_entry_with_its_count() -> None:
    figure = _build()
    legend = _legend(figure)
    assert list(legend) == list(TIER_ORDER)
    assert [legend[t].name for t in TIER_ORDER] == ["Very high (2)", "High (0)", "Elevated (0)", "Moderate (0)",
                                                    "Low (1)", "Insufficient data (1)"]
    assert all(legend[t].colorscale[0][1] == TIER_COLOURS[t] for t in TIER_ORDER)
    assert all(not legend[t].geojson["features"] and legend[t].hoverinfo == "skip" for t in TIER_ORDER)  # draw nothing
    polygons = _drawn(figure, "choroplethmap")
    colours = {iso3: _colour(polygons, point) for point, iso3 in enumerate(polygons.locations)}
    assert colours == {"SDN": TIER_COLOURS["Very high"], "MMR": TIER_COLOURS["Very high"],
                       "FRA": TIER_COLOURS[INSUFFICIENT]}
    assert dict(zip(polygons.locations, polygons.customdata, strict=True))["FRA"] == "Insufficient data (1)"


def test_the_map_draws_three_traces_as_the_one_map_floor_does() -> None:
    """Two choropleths (unscored, scored) and one layer of dots; the legend's entries draw nothing."""
    figure = _build()
    drawn = [t for t in figure.data if t.hoverinfo != "skip"]
    assert [t.type for t in drawn] == ["choroplethmap", "choroplethmap", "scattermap"]
    assert len(figure.data) == len(drawn) + len(TIER_ORDER) and not any(t.showlegend for t in drawn)
    assert figure.layout.legend.itemclick is False  # an entry stands for no trace: a click would hide nothing


def test_small_states_are_dots_in_their_tier_colour() -> None:
    dots = _drawn(_build(), "scattermap")
    assert list(dots.text) == ["Singapore: Low · score 1 · reliability 100%"]
    assert list(dots.marker.color) == [TIER_COLOURS["Low"]] and list(dots.customdata) == ["Low (1)"]
    assert not dots.showlegend


def test_unscored_countries_are_white_and_insufficient_data_is_never_a_shade_of_the_ramp() -> None:
    unscored = next(t for t in _build().data if t.name == "not scored")
    assert unscored.colorscale[0][1] == NOT_SCORED_COLOUR and "SDN" not in set(unscored.locations)
    ramp = {TIER_COLOURS[t] for t in TIER_ORDER if t != INSUFFICIENT}
    red, green, blue = (int(TIER_COLOURS[INSUFFICIENT][i:i + 2], 16) for i in (1, 3, 5))
    assert TIER_COLOURS[INSUFFICIENT] not in ramp and red == green == blue  # a neutral grey


def test_no_basemap_tiles_or_external_style_and_the_shared_geometry_is_untouched() -> None:
    shapes = geo.load_country_shapes()
    before = copy.deepcopy(shapes)
    figure = _build()
    assert figure.layout.map.style == "white-bg" and "http" not in json.dumps(figure.layout.to_plotly_json())
    assert shapes == before


def test_table_cells_use_the_map_colours() -> None:
    assert TIER_COLOURS["High"] in tier_cell_style("High") and tier_cell_style(None) == ""


def test_each_country_keeps_its_table_order_hover_text_and_dot_position() -> None:
    figure = _build()
    polygons, dots = _drawn(figure, "choroplethmap"), _drawn(figure, "scattermap")
    assert list(polygons.locations) == ["SDN", "MMR", "FRA"]  # by tier, then as in the table
    assert list(polygons.text) == ["Sudan: Very high · score 7.1 · reliability 100%",
                                   "Myanmar: Very high · score 6.5 · reliability 90%",
                                   "France: Insufficient data"]  # no score, no reliability
    singapore = geo.load_small_states().set_index("iso3").loc["SGP"]
    assert (list(dots.lon), list(dots.lat)) == ([singapore["lon"]], [singapore["lat"]])
    assert "SGP" not in set(polygons.locations)
