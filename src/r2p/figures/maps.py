"""World choropleths that draw offline: shipped geometry on a blank MapLibre style, no tiles, no CDN."""

from __future__ import annotations

import math

import pandas as pd
import plotly.graph_objects as go

from r2p import geo

# NOTE: the browser fetches the shapes once from Streamlit's static serving (static/ holds a copy of
# r2p/geo/countries_110m.geojson) and caches them. Inline, the ~200 KB of coordinates were validated,
# deep-copied and serialised on every rerun: most of a warm Overview run (measured with `r2p bench`).
SHAPES_URL = "app/static/countries_110m.geojson"
NO_DATA_COLOUR = "#d9d9d9"
BORDER_COLOUR = "#ffffff"
# A static world map: the world exactly as wide as the image (MapLibre draws the world 512 px wide at zoom 0 and
# repeats it beside itself when the image is wider), from 78°N to 58°S (every populated coast, no Antarctica).
TILE_PX = 512
NORTH, SOUTH = 78.0, -58.0
MAP_TRACES = frozenset({"choroplethmap", "scattermap"})
# ColorBrewer OrRd: sequential and colour-blind safe; darker always means worse.
WORSE_SCALE = "OrRd"


LEGEND_BELOW_ROOM = 64  # px under a map for a horizontal legend or colour bar (its title and up to two rows)

def world_choropleth(
    values: pd.DataFrame, shapes: dict, markers: pd.DataFrame, title: str, unit: str, higher_is_worse: bool,
    geojson_url: str | None = None, height: int = 460, zoom: float = 0.6, legend_below: bool = False,
) -> go.Figure:
    """values: iso3, name, value. shapes: GeoJSON with properties.iso3. markers: iso3, name, lon, lat.
    geojson_url: where the browser finds `shapes` (SHAPES_URL); the figure then references them, not inlines.
    height, zoom, legend_below: as r2p.figures.tier_map.tier_choropleth's (a colour bar under the map leaves the
    map the column's whole width, so the world fits it at the same zoom)."""
    drawn = {f["properties"]["iso3"] for f in shapes["features"]}
    figure = go.Figure()
    figure.add_trace(_no_data_trace(shapes, set(values["iso3"]), geojson_url))
    figure.add_trace(_value_trace(shapes, values[values["iso3"].isin(drawn)], unit, higher_is_worse, geojson_url,
                                  legend_below))
    figure.add_trace(_marker_trace(values.merge(markers[["iso3", "lon", "lat"]], on="iso3"), higher_is_worse))
    figure.update_layout(
        title={"text": title, "x": 0.01, "font": {"size": 16}},
        map={"style": "white-bg", "center": {"lon": 15, "lat": 15}, "zoom": zoom},
        margin={"l": 0, "r": 0, "t": 40, "b": LEGEND_BELOW_ROOM if legend_below else 0},
        height=height,
        showlegend=False,
    )
    return figure


def geometry(shapes: dict, keep: set[str], geojson_url: str | None) -> dict | str:
    """A trace's GeoJSON: the URL of all shapes (plotly draws only the trace's locations), else those kept."""
    if geojson_url is not None:
        return geojson_url
    features = [f for f in shapes["features"] if f["properties"]["iso3"] in keep]
    return {"type": "FeatureCollection", "features": features}


def with_inline_geometry(figure: go.Figure) -> go.Figure:
    """A copy whose traces carry the shapes themselves (a server-side export cannot fetch SHAPES_URL)."""
    inline = go.Figure(figure)
    inline.for_each_trace(lambda trace: trace.update(geojson=geo.load_country_shapes()),
                          selector=lambda trace: getattr(trace, "geojson", None) == SHAPES_URL)
    return inline


def fit_world(figure: go.Figure, width: int) -> go.Figure:
    """A copy of a world map for a static image `width` px wide: zoomed so the world spans the width once (the
    on-screen zoom showed every continent twice, at both edges, in an export), centred on 0°, and as tall as
    the land between NORTH and SOUTH needs. Figures without a map are returned as they are."""
    if not any(trace.type in MAP_TRACES for trace in figure.data):
        return figure
    fitted = go.Figure(figure.to_dict())  # never touch the on-screen figure (see exports.charts.chart_content)
    top, bottom = _mercator(NORTH), _mercator(SOUTH)
    margin = fitted.layout.margin
    height = round(width * (top - bottom) / (2 * math.pi)) + (margin.t or 0) + (margin.b or 0)
    centre = math.degrees(2 * math.atan(math.exp((top + bottom) / 2)) - math.pi / 2)
    # NOTE: a hair above the exact zoom, so no sliver of the next copy shows at either edge.
    fitted.update_layout(height=height, map={"center": {"lon": 0, "lat": centre},
                                             "zoom": math.log2(width / TILE_PX) + 0.01})
    return fitted


def _mercator(latitude: float) -> float:
    return math.log(math.tan(math.pi / 4 + math.radians(latitude) / 2))


def _no_data_trace(shapes: dict, with_data: set[str], geojson_url: str | None) -> go.Choroplethmap:
    without = {f["properties"]["iso3"] for f in shapes["features"]} - with_data - {"ATA"}
    names = {f["properties"]["iso3"]: f["properties"]["name"] for f in shapes["features"]}
    locations = sorted(without)
    return go.Choroplethmap(
        geojson=geometry(shapes, without, geojson_url), featureidkey="properties.iso3", locations=locations,
        z=[0] * len(locations), colorscale=[[0, NO_DATA_COLOUR], [1, NO_DATA_COLOUR]], showscale=False,
        marker={"line": {"color": BORDER_COLOUR, "width": 0.5}},
        text=[names[code] for code in locations], hovertemplate="%{text}: no data<extra></extra>", name="no data",
    )


def _value_trace(shapes: dict, values: pd.DataFrame, unit: str, higher_is_worse: bool,
                 geojson_url: str | None, below: bool = False) -> go.Choroplethmap:
    bar = ({"orientation": "h", "y": 0, "yanchor": "top", "len": 0.6, "x": 0.01, "xanchor": "left",
            "title": {"text": unit, "side": "top"}} if below else {"title": {"text": unit}})
    return go.Choroplethmap(
        geojson=geometry(shapes, set(values["iso3"]), geojson_url), featureidkey="properties.iso3",
        locations=values["iso3"], z=values["value"], text=values["name"],
        colorscale=WORSE_SCALE, reversescale=not higher_is_worse,
        zmin=values["value"].min(), zmax=values["value"].max(),
        marker={"line": {"color": BORDER_COLOUR, "width": 0.5}},
        colorbar=bar | {"thickness": 12},
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
