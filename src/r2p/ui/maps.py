"""World choropleths that draw offline: shipped geometry on a blank MapLibre style, no tiles, no CDN."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

NO_DATA_COLOUR = "#d9d9d9"
BORDER_COLOUR = "#ffffff"
# ColorBrewer OrRd: sequential and colour-blind safe; darker always means worse.
WORSE_SCALE = "OrRd"


def world_choropleth(
    values: pd.DataFrame, shapes: dict, markers: pd.DataFrame, title: str, unit: str, higher_is_worse: bool
) -> go.Figure:
    """values: iso3, name, value. shapes: GeoJSON with properties.iso3. markers: iso3, name, lon, lat."""
    drawn = {f["properties"]["iso3"] for f in shapes["features"]}
    figure = go.Figure()
    figure.add_trace(_no_data_trace(shapes, set(values["iso3"])))
    figure.add_trace(_value_trace(shapes, values[values["iso3"].isin(drawn)], unit, higher_is_worse))
    figure.add_trace(_marker_trace(values.merge(markers[["iso3", "lon", "lat"]], on="iso3"), higher_is_worse))
    figure.update_layout(
        title={"text": title, "x": 0.01, "font": {"size": 16}},
        map={"style": "white-bg", "center": {"lon": 15, "lat": 15}, "zoom": 0.6},
        margin={"l": 0, "r": 0, "t": 40, "b": 0},
        height=460,
        showlegend=False,
    )
    return figure


def _subset(shapes: dict, keep: set[str]) -> dict:
    features = [f for f in shapes["features"] if f["properties"]["iso3"] in keep]
    return {"type": "FeatureCollection", "features": features}


def _no_data_trace(shapes: dict, with_data: set[str]) -> go.Choroplethmap:
    without = {f["properties"]["iso3"] for f in shapes["features"]} - with_data - {"ATA"}
    names = {f["properties"]["iso3"]: f["properties"]["name"] for f in shapes["features"]}
    locations = sorted(without)
    return go.Choroplethmap(
        geojson=_subset(shapes, without), featureidkey="properties.iso3", locations=locations,
        z=[0] * len(locations), colorscale=[[0, NO_DATA_COLOUR], [1, NO_DATA_COLOUR]], showscale=False,
        marker={"line": {"color": BORDER_COLOUR, "width": 0.5}},
        text=[names[code] for code in locations], hovertemplate="%{text}: no data<extra></extra>", name="no data",
    )


def _value_trace(shapes: dict, values: pd.DataFrame, unit: str, higher_is_worse: bool) -> go.Choroplethmap:
    return go.Choroplethmap(
        geojson=_subset(shapes, set(values["iso3"])), featureidkey="properties.iso3",
        locations=values["iso3"], z=values["value"], text=values["name"],
        colorscale=WORSE_SCALE, reversescale=not higher_is_worse,
        zmin=values["value"].min(), zmax=values["value"].max(),
        marker={"line": {"color": BORDER_COLOUR, "width": 0.5}},
        colorbar={"title": {"text": unit}, "thickness": 12},
        hovertemplate="%{text}: %{z:.3~g}<extra></extra>", name="value",
    )


def _marker_trace(points: pd.DataFrame, higher_is_worse: bool) -> go.Scattermap:
    """States too small for a 1:110m polygon get a dot in the same colours."""
    return go.Scattermap(
        lon=points["lon"], lat=points["lat"], text=points["name"], mode="markers",
        marker={"size": 8, "color": points["value"], "colorscale": WORSE_SCALE,
                "reversescale": not higher_is_worse, "showscale": False},
        hovertemplate="%{text}: %{marker.color:.3~g}<extra></extra>", name="small states",
    )
