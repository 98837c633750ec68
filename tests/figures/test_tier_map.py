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


def _traces(figure, kind: str) -> dict:  # noqa: ANN001
    return {trace.legendgroup: trace for trace in figure.data if trace.type == kind and trace.legendgroup}


def test_each_tier_has_its_colour_and_a_legend_entry_with_its_count() -> None:
    figure = _build()
    polygons = _traces(figure, "choroplethmap")
    assert list(polygons) == list(TIER_ORDER)
    assert [polygons[t].name for t in TIER_ORDER] == ["Very high (2)", "High (0)", "Elevated (0)", "Moderate (0)",
                                                      "Low (1)", "Insufficient data (1)"]
    assert set(polygons["Very high"].locations) == {"SDN", "MMR"}
    assert polygons["Very high"].colorscale[0][1] == TIER_COLOURS["Very high"]
    assert set(polygons[INSUFFICIENT].locations) == {"FRA"}


def test_small_states_are_dots_in_their_tier_colour() -> None:
    dots = _traces(_build(), "scattermap")
    assert list(dots["Low"].text) == ["Singapore: Low · score 1 · reliability 100%"]
    assert dots["Low"].marker.color == TIER_COLOURS["Low"] and not dots["Low"].showlegend


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
    polygons, dots = _traces(figure, "choroplethmap"), _traces(figure, "scattermap")
    assert list(polygons["Very high"].locations) == ["SDN", "MMR"]
    assert list(polygons["Very high"].text) == ["Sudan: Very high · score 7.1 · reliability 100%",
                                                "Myanmar: Very high · score 6.5 · reliability 90%"]
    assert list(polygons[INSUFFICIENT].text) == ["France: Insufficient data"]  # no score, no reliability
    singapore = geo.load_small_states().set_index("iso3").loc["SGP"]
    assert (list(dots["Low"].lon), list(dots["Low"].lat)) == ([singapore["lon"]], [singapore["lat"]])
    assert "SGP" not in set(polygons["Low"].locations) and [len(dots[t].lon) for t in TIER_ORDER] == [0, 0, 0, 0, 1, 0]
