"""The surge map builder: one dot per admin-1 area with a surge, on the country outlines, on a blank map style."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from r2p import geo
from r2p.figures.event_map import outlines_near
from r2p.figures.maps import SHAPES_URL
from r2p.figures.surge_map import surge_map, surge_size

AREAS = pd.DataFrame({"admin1": ["Southern", "Central", "Northern"], "surge_weeks": [3, 1, 2],
                      "latest_week": pd.to_datetime(["2025-11-03", "2025-10-06", "2025-09-01"]),
                      "peak_events": [12, 5, 8], "latitude": [-15.4, -13.5, None], "longitude": [35.3, 33.8, 34.0]})


def _map() -> go.Figure:
    return surge_map(AREAS, outlines_near(geo.load_country_shapes(), "MWI"), "MWI")


def test_a_blank_style_and_nothing_to_fetch_but_the_apps_own_shapes() -> None:
    figure = _map()
    assert figure.layout.map.style == "white-bg" and "http" not in figure.to_json()
    assert {trace.geojson for trace in figure.data if trace.type == "choroplethmap"} == {SHAPES_URL}


def test_every_located_area_is_a_dot_over_the_country_outline() -> None:
    figure = _map()
    dots = next(trace for trace in figure.data if trace.type == "scattermap")
    located = AREAS.dropna(subset=["latitude"])  # Northern has no position
    assert [row[0] for row in dots.customdata] == list(located["admin1"]) and len(located) < len(AREAS)
    assert [list(row) for row in dots.customdata][0] == ["Southern", 3, "2025-11-03", 12]
    assert list(dots.marker.size) == [surge_size(3), surge_size(1)] and surge_size(3) > surge_size(1)
    outlines = [list(trace.locations) for trace in figure.data if trace.type == "choroplethmap"]
    assert ["MWI"] in outlines and all("MWI" not in kept for kept in outlines if kept != ["MWI"])
