"""Sub-national surges on an offline Plotly map (as the events map): one dot per admin-1 area, at the centroid of
its surge events, over the shipped outlines of the country and its neighbours."""

from __future__ import annotations

import math

import pandas as pd
import plotly.graph_objects as go

from r2p.figures.event_map import outline_map

SURGE_COLOUR = "rgb(204,121,167)"  # Okabe-Ito reddish purple: apart from the violence colours of the events map
HOVER = ("%{customdata[0]}<br>%{customdata[1]} surge week(s), latest the week of %{customdata[2]}<br>"
         "peak: %{customdata[3]} events in a week<extra></extra>")
MAP_HEIGHT = 420


def surge_map(areas: pd.DataFrame, outlines: dict, focus: str) -> go.Figure:
    """areas: admin1, surge_weeks, latest_week, peak_events, latitude, longitude (r2p.read.surges.surge_areas).
    outlines: GeoJSON features with properties.iso3 (the country and its neighbours), the only base layer."""
    placed = areas.dropna(subset=["latitude", "longitude"])
    points = list(zip(placed["longitude"].astype(float), placed["latitude"].astype(float), strict=True))
    figure = outline_map(outlines, focus, points, MAP_HEIGHT)
    weeks = placed["surge_weeks"].astype(int)
    figure.add_trace(go.Scattermap(
        lon=placed["longitude"], lat=placed["latitude"], mode="markers", name="Area with surge weeks",
        marker={"size": [surge_size(w) for w in weeks], "color": SURGE_COLOUR, "opacity": 0.85},
        customdata=list(zip(placed["admin1"].astype(str), weeks, placed["latest_week"].astype(str).str[:10],
                            placed["peak_events"].astype(int), strict=True)),
        hovertemplate=HOVER))
    return figure


def surge_size(weeks: int) -> float:
    """A dot's diameter in pixels: it grows with the area's surge weeks, from 12 px to 56 px."""
    return round(min(56.0, 12.0 + 8.0 * math.sqrt(max(0, weeks))), 2)
