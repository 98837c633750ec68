"""Sub-national surges on an offline pydeck map: one point per admin-1 area, at the centroid of its surge events."""

from __future__ import annotations

import math

import pandas as pd
import pydeck as pdk

from r2p.figures.event_map import FOCUS_FILL, NEIGHBOUR_FILL, OUTLINE, feature_bounds, offline_deck

SURGE_COLOUR = (204, 121, 167)  # Okabe-Ito reddish purple: apart from the violence colours of the events map
TOOLTIP = "{place}\n{weeks} surge week(s), latest the week of {latest}\npeak: {peak} events in a week"


def surge_deck(areas: pd.DataFrame, outlines: dict, focus: str) -> pdk.Deck:
    """areas: admin1, surge_weeks, latest_week, peak_events, latitude, longitude (r2p.read.surges.surge_areas).
    outlines: GeoJSON features with properties.iso3 (the country and its neighbours), the only base layer."""
    records = [_record(row) for row in areas.dropna(subset=["latitude", "longitude"]).itertuples()]
    features = outlines["features"]
    layers = [
        pdk.Layer("GeoJsonLayer", {"type": "FeatureCollection",
                                   "features": [f for f in features if f["properties"]["iso3"] != focus]},
                  id="surge_neighbours", filled=True, stroked=True, get_fill_color=list(NEIGHBOUR_FILL),
                  get_line_color=list(OUTLINE), line_width_min_pixels=1),
        pdk.Layer("GeoJsonLayer", {"type": "FeatureCollection",
                                   "features": [f for f in features if f["properties"]["iso3"] == focus]},
                  id="surge_country", filled=True, stroked=True, get_fill_color=list(FOCUS_FILL),
                  get_line_color=[60, 60, 60], line_width_min_pixels=1.5),
        # NOTE: pydeck turns every bare string into a JS expression; a quoted one stays a plain string.
        pdk.Layer("ScatterplotLayer", records, id="surge_areas", get_position="[lon, lat]", get_radius="radius",
                  radius_units="'pixels'", get_fill_color=[*SURGE_COLOUR, 210], stroked=True,
                  get_line_color=[60, 60, 60], line_width_min_pixels=1, pickable=True),
    ]
    return offline_deck(layers, _view(features, focus, records), TOOLTIP)


def _record(row: object) -> dict:
    weeks = int(row.surge_weeks)  # type: ignore[attr-defined]
    return {"lon": float(row.longitude), "lat": float(row.latitude),  # type: ignore[attr-defined]
            "radius": round(min(28.0, 6.0 + 4.0 * math.sqrt(weeks)), 2), "weeks": weeks,
            "latest": str(row.latest_week)[:10], "peak": int(row.peak_events),  # type: ignore[attr-defined]
            "place": str(row.admin1)}  # type: ignore[attr-defined]


def _view(features: list[dict], focus: str, records: list[dict]) -> pdk.ViewState:
    """Framed on the country's outline, else on its surge points."""
    shapes = [f for f in features if f["properties"]["iso3"] == focus]
    points = [[r["lon"], r["lat"]] for r in records]
    fallback = [{"geometry": {"type": "Polygon", "coordinates": [points]}}] if points else []
    west, south, east, north = feature_bounds(shapes or fallback)
    span = max(east - west, (north - south) * 1.6, 1.0)
    zoom = max(1.0, min(8.0, math.log2(360 / span) + 0.3))
    return pdk.ViewState(longitude=(west + east) / 2, latitude=(south + north) / 2, zoom=round(zoom, 2))
