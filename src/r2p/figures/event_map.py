"""Recent events on a pydeck map with no basemap at all: the shipped country outlines are the only base layer."""

from __future__ import annotations

import math

import pandas as pd
import pydeck as pdk

# NOTE: pydeck's placeholder for "no style given", which Streamlit's frontend (1.67) drops before drawing no basemap
# at all; map_style=None would make it swap in a Carto basemap fetched from the internet
# (shared/reference/offline-stack.md), and a style URL costs a MapLibre map: a second WebGL context and a style load.
NO_BASEMAP = "__MAP_STYLE__"
# Okabe-Ito colours: distinct with every common colour-vision deficiency.
VIOLENCE: dict[int, tuple[str, tuple[int, int, int]]] = {
    1: ("State-based", (0, 114, 178)),
    2: ("Non-state", (0, 158, 115)),
    3: ("One-sided (against civilians)", (213, 94, 0)),
}
OTHER_VIOLENCE = ("Other or unknown", (102, 102, 102))
TOOLTIP = "{date} · {kind}\n{deaths} deaths (best estimate)\n{place}"
# NOTE: every point travels to the browser as JSON that pydeck encodes in pure Python: 56,000 events took
# 20 s per rerun (measured with `r2p bench`). Beyond this many, nearby events of one type are merged.
MAX_POINTS = 2000
FOCUS_FILL, NEIGHBOUR_FILL, OUTLINE = (235, 235, 235), (250, 250, 250), (150, 150, 150)


def event_deck(events: pd.DataFrame, outlines: dict, focus: str) -> pdk.Deck:
    """events: event_date, admin1, latitude, longitude, violence_type, deaths_best. outlines: GeoJSON features
    with properties.iso3 (the focus country and its neighbours), drawn as the only base layer."""
    records = [_record(row) for row in map_points(events).itertuples()]
    neighbours = {"type": "FeatureCollection", "features": [f for f in outlines["features"]
                                                            if f["properties"]["iso3"] != focus]}
    country = {"type": "FeatureCollection", "features": [f for f in outlines["features"]
                                                         if f["properties"]["iso3"] == focus]}
    layers = [
        pdk.Layer("GeoJsonLayer", neighbours, id="neighbours", filled=True, stroked=True,
                  get_fill_color=list(NEIGHBOUR_FILL), get_line_color=list(OUTLINE), line_width_min_pixels=1),
        pdk.Layer("GeoJsonLayer", country, id="country", filled=True, stroked=True,
                  get_fill_color=list(FOCUS_FILL), get_line_color=[60, 60, 60], line_width_min_pixels=1.5),
        # NOTE: pydeck turns every bare string into a JS expression; a quoted one stays a plain string.
        pdk.Layer("ScatterplotLayer", records, id="events", get_position="[lon, lat]", get_radius="radius",
                  radius_units="'pixels'", get_fill_color="colour", opacity=0.75, stroked=True,
                  get_line_color=[255, 255, 255], line_width_min_pixels=0.5, pickable=True),
    ]
    return offline_deck(layers, _view(outlines, focus, records), TOOLTIP)


def offline_deck(layers: list[pdk.Layer], view: pdk.ViewState, tooltip: str) -> pdk.Deck:
    """A deck drawn by deck.gl alone: no basemap, no MapLibre map, nothing fetched (map_provider=None keeps pydeck
    from putting a provider's style in place of NO_BASEMAP)."""
    return pdk.Deck(layers=layers, initial_view_state=view, map_provider=None, map_style=NO_BASEMAP,
                    tooltip={"text": tooltip})


def violence_legend() -> str:
    """The map's legend as Markdown with inline colour (pydeck draws none): one coloured dot per violence type."""
    dots = [f"<span style='color:#{r:02x}{g:02x}{b:02x}'>●</span> {label}" for label, (r, g, b) in VIOLENCE.values()]
    # NOTE: 2,000 is MAX_POINTS written out: the legend reads nothing but VIOLENCE (tests/test_input_safety.py).
    return (" · ".join(dots) + " — dot area grows with deaths (best estimate); beyond 2,000 events, nearby "
            "events of one type are merged into one dot (its tooltip says how many)")


def map_points(events: pd.DataFrame, limit: int = MAX_POINTS) -> pd.DataFrame:
    """One row per event (`events` = 1); beyond `limit` events, one per grid cell and violence type: mean position,
    summed deaths, latest date, `events` merged. The cell (from 0.05°) doubles until at most `limit` remain."""
    if len(events) <= limit:
        return events.assign(events=1)
    cell = 0.05
    while True:
        merged = _merged(events, cell)
        if len(merged) <= limit:
            return merged
        cell *= 2


def _merged(events: pd.DataFrame, cell: float) -> pd.DataFrame:
    keys = [(events["latitude"] // cell).rename("cell_lat"), (events["longitude"] // cell).rename("cell_lon"),
            events["violence_type"].rename("type")]
    grouped = events.groupby(keys, dropna=False, sort=True)
    return grouped.agg(latitude=("latitude", "mean"), longitude=("longitude", "mean"),
                       violence_type=("violence_type", "first"), deaths_best=("deaths_best", "sum"),
                       event_date=("event_date", "max"), admin1=("admin1", "first"),
                       events=("latitude", "size")).reset_index(drop=True)


def _record(row: object) -> dict:
    kind = row.violence_type  # type: ignore[attr-defined]
    label, colour = VIOLENCE.get(int(kind), OTHER_VIOLENCE) if pd.notna(kind) else OTHER_VIOLENCE
    deaths = int(row.deaths_best)  # type: ignore[attr-defined]
    return {"lon": float(row.longitude), "lat": float(row.latitude),  # type: ignore[attr-defined]
            "radius": round(min(30.0, 3.0 + 1.5 * math.sqrt(deaths)), 2), "colour": [*colour, 200],
            "deaths": deaths, "kind": label, "date": str(row.event_date)[:10],  # type: ignore[attr-defined]
            "place": _place(row)}


def _place(row: object) -> str:
    place = str(row.admin1) if isinstance(row.admin1, str) else ""  # type: ignore[attr-defined]
    merged = int(row.events)  # type: ignore[attr-defined]
    return place if merged == 1 else f"{merged:,} events merged (latest shown), {place}".rstrip(", ")


def _view(outlines: dict, focus: str, records: list[dict]) -> pdk.ViewState:
    """Framed on the country's outline; on its events when it has no polygon (small states)."""
    shapes = [f for f in outlines["features"] if f["properties"]["iso3"] == focus]
    points = [[r["lon"], r["lat"]] for r in records]
    geometry = {"type": "Polygon", "coordinates": [points]} if points else None
    west, south, east, north = feature_bounds(shapes or ([{"geometry": geometry}] if geometry else []))
    span = max(east - west, (north - south) * 1.6, 1.0)
    zoom = max(1.0, min(8.0, math.log2(360 / span) + 0.3))
    return pdk.ViewState(longitude=(west + east) / 2, latitude=(south + north) / 2, zoom=round(zoom, 2))


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
    kinds = events["violence_type"].map(lambda kind: VIOLENCE.get(int(kind), OTHER_VIOLENCE)[0]
                                        if pd.notna(kind) else OTHER_VIOLENCE[0])
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
