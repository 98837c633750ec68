"""Static event figures for print: the yearly trend of deaths and events, and an event map drawn as plain shapes
from the shipped country outlines (no map tiles, no WebGL), so a headless export renders it offline."""

from __future__ import annotations

import math

import pandas as pd
import plotly.graph_objects as go

from r2p.figures.event_map import OTHER_VIOLENCE, VIOLENCE

FOCUS_FILL, NEIGHBOUR_FILL, WATER = "#ebebeb", "#fafafa", "#ffffff"
OUTLINE, FOCUS_OUTLINE = "#969696", "#3c3c3c"
SERIES_COLOURS = ("#b2182b", "#d55e00", "#0072b2", "#009e73")
EVENT_BARS = "#bdbdbd"


def casualty_trend_chart(deaths: pd.DataFrame, events: pd.DataFrame, title: str) -> go.Figure:
    """deaths: series, period, value (yearly deaths per series, e.g. battle deaths); events: year, events (events
    held per year, drawn as grey bars on a second axis). Either may be empty."""
    figure = go.Figure()
    if len(events):
        figure.add_trace(go.Bar(x=events["year"], y=events["events"], name="Events recorded", yaxis="y2",
                                marker={"color": EVENT_BARS}, opacity=0.6))
    for colour, (series, rows) in zip(SERIES_COLOURS, deaths.groupby("series", sort=True), strict=False):
        rows = rows.sort_values("period")
        figure.add_trace(go.Scatter(x=rows["period"], y=rows["value"], name=str(series), mode="lines+markers",
                                    line={"color": colour, "width": 2.5}, marker={"size": 7}))
    if not len(deaths) and not len(events):
        figure.add_annotation(text="No deaths or events are held for this country.", showarrow=False,
                              xref="paper", yref="paper", x=0.5, y=0.5, font={"size": 16})
    figure.update_layout(
        title={"text": title}, height=440, margin={"l": 60, "r": 60, "t": 80, "b": 50},
        legend={"orientation": "h", "y": -0.15, "font": {"size": 14}}, font={"size": 14}, showlegend=True,
        plot_bgcolor="#ffffff", xaxis={"title": "Year", "gridcolor": "#eeeeee", "dtick": 2},
        yaxis={"title": "Deaths (best estimate)", "gridcolor": "#eeeeee", "rangemode": "tozero"},
        # NOTE: tickmode "auto": plotly.js gives an overlaying axis "sync", which places its ticks on the deaths
        # axis's gridlines (84, 169, 253, … events); this axis draws no grid, so its ticks can be round numbers.
        yaxis2={"title": "Events", "overlaying": "y", "side": "right", "showgrid": False, "rangemode": "tozero",
                "tickformat": ",d", "tickmode": "auto"},
    )
    return figure


def static_event_map(dots: pd.DataFrame, outlines: dict, focus: str, title: str) -> go.Figure:
    """dots: latitude, longitude, violence_type, deaths_best (the map's dots, as figures.event_map takes them:
    r2p.read.profile.country_event_dots); outlines: GeoJSON features with properties.iso3, the focus country and its
    neighbours. Longitude and latitude on equal scales."""
    figure = go.Figure()
    for feature in outlines["features"]:
        is_focus = feature["properties"]["iso3"] == focus
        for ring in _rings(feature["geometry"]):
            figure.add_trace(go.Scatter(
                x=[p[0] for p in ring], y=[p[1] for p in ring], mode="lines", fill="toself", hoverinfo="skip",
                fillcolor=FOCUS_FILL if is_focus else NEIGHBOUR_FILL, showlegend=False,
                line={"color": FOCUS_OUTLINE if is_focus else OUTLINE, "width": 1.6 if is_focus else 0.8}))
    for kind, (label, (red, green, blue)) in [*VIOLENCE.items(), (None, OTHER_VIOLENCE)]:
        mine = dots[_of_kind(dots, kind)] if len(dots) else dots
        if not len(mine):
            continue
        sizes = [min(30.0, 5.0 + 1.5 * math.sqrt(max(0, int(d)))) for d in mine["deaths_best"]]
        figure.add_trace(go.Scatter(x=mine["longitude"], y=mine["latitude"], mode="markers", name=label,
                                    marker={"size": sizes, "color": f"rgba({red},{green},{blue},0.7)",
                                            "line": {"color": "#ffffff", "width": 0.5}}))
    west, south, east, north = _frame(outlines, focus, dots)
    figure.update_layout(
        title={"text": title}, height=520, margin={"l": 10, "r": 10, "t": 80, "b": 10}, plot_bgcolor=WATER,
        legend={"orientation": "h", "y": -0.02, "font": {"size": 14}}, font={"size": 14},
        xaxis={"visible": False, "range": [west, east]},
        yaxis={"visible": False, "range": [south, north], "scaleanchor": "x", "scaleratio": 1},
    )
    return figure


def _of_kind(points: pd.DataFrame, kind: int | None) -> pd.Series:
    known = points["violence_type"].isin(list(VIOLENCE))
    return ~known if kind is None else points["violence_type"] == kind


def _rings(geometry: dict) -> list[list[list[float]]]:
    polygons = geometry["coordinates"] if geometry["type"] == "MultiPolygon" else [geometry["coordinates"]]
    return [polygon[0] for polygon in polygons]  # the outer ring: holes are too small to see at this scale


def _frame(outlines: dict, focus: str, points: pd.DataFrame) -> tuple[float, float, float, float]:
    """The focus country (or its events) with a margin."""
    shapes = [f for f in outlines["features"] if f["properties"]["iso3"] == focus]
    lons = [p[0] for f in shapes for ring in _rings(f["geometry"]) for p in ring]
    lats = [p[1] for f in shapes for ring in _rings(f["geometry"]) for p in ring]
    if len(points):
        lons += list(points["longitude"])
        lats += list(points["latitude"])
    if not lons:
        return -180.0, -60.0, 180.0, 80.0
    pad = max(1.0, 0.08 * max(max(lons) - min(lons), max(lats) - min(lats)))
    return min(lons) - pad, min(lats) - pad, max(lons) + pad, max(lats) + pad
