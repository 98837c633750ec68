"""Recent events on an offline Plotly map (MapLibre, as the Overview's): the shipped country outlines are the only
base layer, on a blank style: no tiles, no basemap, nothing fetched but the shapes from the app's own static/."""

from __future__ import annotations

import math

import pandas as pd
import plotly.graph_objects as go

from r2p.figures.maps import SHAPES_URL

# Okabe-Ito colours: distinct with every common colour-vision deficiency.
VIOLENCE: dict[int, tuple[str, tuple[int, int, int]]] = {
    1: ("State-based", (0, 114, 178)),
    2: ("Non-state", (0, 158, 115)),
    3: ("One-sided (against civilians)", (213, 94, 0)),
}
OTHER_VIOLENCE = ("Other or unknown", (102, 102, 102))
HOVER = ("%{customdata[0]} · %{customdata[1]}<br>%{customdata[2]:,} deaths (best estimate)<br>%{customdata[3]}"
         "<extra></extra>")
# NOTE: 56,000 events (the busiest country's 12 months) drawn one by one cost seconds per rerun on the server and
# in the browser; beyond this many, nearby events of one type are merged (read/country_event_dots.sql).
MAX_POINTS = 2000
FOCUS_FILL, NEIGHBOUR_FILL, OUTLINE = (235, 235, 235), (250, 250, 250), (150, 150, 150)
FOCUS_OUTLINE = (60, 60, 60)
MAP_HEIGHT = 480


def event_map(points: pd.DataFrame, outlines: dict, focus: str) -> go.Figure:
    """points: the map's dots (r2p.read.profile.country_event_dots: event_date, admin1, latitude, longitude,
    violence_type, deaths_best and the `events` merged in each). outlines: GeoJSON features with properties.iso3 (the
    focus country and its neighbours), drawn as the only base layer; the browser reads their shapes from SHAPES_URL.
    One trace per type of violence (the legend), dot area growing with deaths."""
    figure = outline_map(outlines, focus, _frame_points(points))
    for kind, (label, colour) in [*VIOLENCE.items(), (None, OTHER_VIOLENCE)]:
        mine = points[_of_kind(points, kind)]
        if len(mine):
            figure.add_trace(_event_trace(mine, label, colour))
    return figure


def outline_map(outlines: dict, focus: str, points: list[tuple[float, float]], height: int = MAP_HEIGHT) -> go.Figure:
    """A map of the focus country (grey, dark outline) among its neighbours (paler), framed on the country, or on
    `points` (lon, lat) when it has no polygon (small states); a legend above the map for the traces added."""
    codes = [f["properties"]["iso3"] for f in outlines["features"]]
    figure = go.Figure()
    for kept, fill, line, width in (([c for c in codes if c != focus], NEIGHBOUR_FILL, OUTLINE, 1.0),
                                    ([c for c in codes if c == focus], FOCUS_FILL, FOCUS_OUTLINE, 1.5)):
        if kept:
            figure.add_trace(_outline_trace(kept, fill, line, width))
    longitude, latitude, zoom = map_view(outlines, focus, points)
    figure.update_layout(
        map={"style": "white-bg", "center": {"lon": longitude, "lat": latitude}, "zoom": zoom},
        height=height, margin={"l": 0, "r": 0, "t": 0, "b": 0}, showlegend=True,
        legend={"orientation": "h", "x": 0, "y": 1, "yanchor": "bottom", "font": {"size": 13}},
    )
    return figure


def _outline_trace(codes: list[str], fill: tuple[int, int, int], line: tuple[int, int, int],
                   width: float) -> go.Choroplethmap:
    colour = _rgb(fill)
    return go.Choroplethmap(geojson=SHAPES_URL, featureidkey="properties.iso3", locations=codes, z=[0] * len(codes),
                            colorscale=[[0, colour], [1, colour]], showscale=False, showlegend=False,
                            marker={"line": {"color": _rgb(line), "width": width}}, hoverinfo="skip")


def _event_trace(points: pd.DataFrame, label: str, colour: tuple[int, int, int]) -> go.Scattermap:
    deaths = points["deaths_best"].fillna(0).astype(int)
    merged = points["events"].astype(int)
    places = points["admin1"].where(points["admin1"].map(lambda place: isinstance(place, str)), "")
    place = [p if n == 1 else f"{n:,} events merged (latest shown), {p}".rstrip(", ")
             for p, n in zip(places, merged, strict=True)]
    dates = pd.to_datetime(points["event_date"]).dt.strftime("%Y-%m-%d")
    return go.Scattermap(
        lon=points["longitude"], lat=points["latitude"], mode="markers", name=label,
        marker={"size": [dot_size(d) for d in deaths], "color": _rgb(colour), "opacity": 0.75},
        customdata=list(zip(dates, [label] * len(points), deaths, place, strict=True)), hovertemplate=HOVER,
    )


def dot_size(deaths: int) -> float:
    """A dot's diameter in pixels: its area grows with deaths (best estimate), from 6 px (none) to 40 px."""
    return round(min(40.0, 6.0 + 3.0 * math.sqrt(max(0, deaths))), 2)


def _rgb(colour: tuple[int, int, int]) -> str:
    return "rgb({},{},{})".format(*colour)


def _of_kind(points: pd.DataFrame, kind: int | None) -> pd.Series:
    known = points["violence_type"].isin(list(VIOLENCE))
    return ~known if kind is None else points["violence_type"] == kind


def _frame_points(points: pd.DataFrame) -> list[tuple[float, float]]:
    return list(zip(points["longitude"].astype(float), points["latitude"].astype(float), strict=True))


def violence_legend() -> str:
    """The map's key as Markdown with inline colour, beside the map (and on paper): one coloured dot per violence
    type, what a dot's size means, and when dots merge events."""
    dots = [f"<span style='color:#{r:02x}{g:02x}{b:02x}'>●</span> {label}" for label, (r, g, b) in VIOLENCE.values()]
    # NOTE: 2,000 is MAX_POINTS written out: the legend reads nothing but VIOLENCE (tests/test_input_safety.py).
    return (" · ".join(dots) + " — dot area grows with deaths (best estimate); beyond 2,000 events, nearby "
            "events of one type are merged into one dot (its tooltip says how many)")


def map_view(outlines: dict, focus: str, points: list[tuple[float, float]]) -> tuple[float, float, float]:
    """Centre (lon, lat) and zoom framing the country's outline, or its points when it has no polygon."""
    shapes = [f for f in outlines["features"] if f["properties"]["iso3"] == focus]
    geometry = {"type": "Polygon", "coordinates": [[list(p) for p in points]]} if points else None
    west, south, east, north = feature_bounds(shapes or ([{"geometry": geometry}] if geometry else []))
    span = max(east - west, (north - south) * 1.6, 1.0)
    zoom = max(1.0, min(8.0, math.log2(360 / span) + 0.3))
    return (west + east) / 2, (south + north) / 2, round(zoom, 2)


def feature_bounds(features: list[dict]) -> tuple[float, float, float, float]:
    """west, south, east, north of GeoJSON (Multi)Polygon features; the whole world when there are none."""
    points = [point for feature in features for point in _points(feature["geometry"])]
    if not points:
        return -180.0, -60.0, 180.0, 80.0
    lons, lats = [p[0] for p in points], [p[1] for p in points]
    return min(lons), min(lats), max(lons), max(lats)


def outlines_near(shapes: dict, focus: str, margin: float = 4.0) -> dict:
    """The focus country's feature and every feature whose bounds come within `margin` degrees of it."""
    focus_features = [f for f in shapes["features"] if f["properties"]["iso3"] == focus]
    if not focus_features:
        return {"type": "FeatureCollection", "features": []}
    west, south, east, north = feature_bounds(focus_features)
    near = []
    for feature in shapes["features"]:
        w, s, e, n = feature_bounds([feature])
        if w <= east + margin and e >= west - margin and s <= north + margin and n >= south - margin:
            near.append(feature)
    return {"type": "FeatureCollection", "features": near}


def _points(geometry: dict) -> list[list[float]]:
    polygons = geometry["coordinates"] if geometry["type"] == "MultiPolygon" else [geometry["coordinates"]]
    return [point for polygon in polygons for ring in polygon for point in ring]


def event_table(events: pd.DataFrame) -> pd.DataFrame:
    """The map's text alternative as a table: every event (newest first) with its date, area, type and deaths."""
    kinds = events["violence_type"].map({kind: label for kind, (label, _) in VIOLENCE.items()}).fillna(
        OTHER_VIOLENCE[0])
    table = pd.DataFrame({"Date": pd.to_datetime(events["event_date"]).dt.strftime("%Y-%m-%d"),
                          "Admin-1 area": events["admin1"].fillna(""), "Type of violence": kinds,
                          "Deaths (best estimate)": events["deaths_best"].fillna(0).astype(int)})
    return table.sort_values("Date", ascending=False, kind="stable").reset_index(drop=True)


def event_summary(table: pd.DataFrame, place: str) -> str:
    """The map in one sentence a screen reader can speak: how many events and deaths, by type of violence."""
    if table.empty:
        return f"Map: no located events in {place}."
    by_kind = table.groupby("Type of violence", sort=False)["Deaths (best estimate)"].agg(["size", "sum"])
    kinds = "; ".join(f"{kind}: {_count(int(row['size']), 'event')}, {_count(int(row['sum']), 'death')}"
                      for kind, row in by_kind.sort_values("size", ascending=False).iterrows())
    span = f"from {table['Date'].min()} to {table['Date'].max()}"
    return (f"Map: {_count(len(table), 'located event')} in {place} {span}, "
            f"{int(table['Deaths (best estimate)'].sum()):,} deaths (best estimate). {kinds}. The table below holds "
            "every event.")


def _count(number: int, noun: str) -> str:
    return f"{number:,} {noun}{'' if number == 1 else 's'}"
