"""The tier world map: categorical tier colours on shipped geometry, a legend with counts, drawn offline."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from r2p.figures.maps import BORDER_COLOUR, LEGEND_BELOW_ROOM, geometry
from r2p.figures.tier_style import NOT_SCORED_COLOUR, TIER_COLOURS, TIER_ORDER

UNSCORED_BORDER = "#bdbdbd"


def legend_label(tier: str, count: int) -> str:
    """The legend entry of a tier: its name and how many countries sit in it."""
    return f"{tier} ({count})"


def tier_choropleth(tiers: pd.DataFrame, shapes: dict, markers: pd.DataFrame, title: str,
                    geojson_url: str | None = None, height: int = 480, zoom: float = 0.6,
                    legend_below: bool = False) -> go.Figure:
    """tiers: iso3, name, tier, score, coverage (one row per scored country). shapes: GeoJSON with
    properties.iso3. markers: iso3, name, lon, lat for states too small for a polygon. geojson_url: where the
    browser finds `shapes` (r2p.figures.maps.SHAPES_URL); the figure then references them instead of inlining them.
    height, zoom, legend_below: on screen (the Overview's map is smaller and narrower, to keep its first screen
    whole; its legend then sits under the map rather than over the Americas)."""
    drawn = {f["properties"]["iso3"] for f in shapes["features"]}
    # NOTE: plain lists, split once by tier: per-tier pandas filters, merges and itertuples took most of the
    # figure's build time, which the Overview spends before its map can be sent.
    rows = list(zip(tiers["iso3"], tiers["tier"], _hover(tiers), strict=True))
    points = dict(zip(markers["iso3"], zip(markers["lon"], markers["lat"], strict=True), strict=True))
    figure = go.Figure()
    figure.add_trace(_unscored_trace(shapes, {iso3 for iso3, _, _ in rows}, geojson_url))
    for tier in TIER_ORDER:
        in_tier = [(iso3, text) for iso3, in_row, text in rows if in_row == tier]
        label = legend_label(tier, len(in_tier))
        figure.add_trace(_tier_trace([row for row in in_tier if row[0] in drawn], tier, label, shapes, geojson_url))
        figure.add_trace(_marker_trace([(points[iso3], text) for iso3, text in in_tier if iso3 in points], tier,
                                       label))
    figure.update_layout(
        title={"text": title, "x": 0.01, "font": {"size": 16}},
        map={"style": "white-bg", "center": {"lon": 15, "lat": 15}, "zoom": zoom},
        margin={"l": 0, "r": 0, "t": 40, "b": LEGEND_BELOW_ROOM if legend_below else 0},
        height=height,
        legend={"title": {"text": "Model tier (countries)"}, "x": 0.01, "y": 0.02, "bgcolor": "rgba(255,255,255,0.85)"}
        | ({"orientation": "h", "y": 0, "yanchor": "top", "title": {"side": "top"}} if legend_below else {}),
    )
    return figure


def _hover(frame: pd.DataFrame) -> list[str]:
    return [f"{name}: {tier} · score {score:.3g} · reliability {coverage:.0%}" if score == score else f"{name}: {tier}"
            for name, tier, score, coverage in zip(frame["name"], frame["tier"], frame["score"], frame["coverage"],
                                                   strict=True)]


def _tier_trace(in_tier: list[tuple[str, str]], tier: str, label: str, shapes: dict,
                geojson_url: str | None) -> go.Choroplethmap:
    """in_tier: (iso3, hover text) of the tier's countries drawn as polygons."""
    colour = TIER_COLOURS[tier]
    locations = [iso3 for iso3, _ in in_tier]
    return go.Choroplethmap(
        geojson=geometry(shapes, set(locations), geojson_url), featureidkey="properties.iso3", locations=locations,
        z=[1] * len(in_tier), colorscale=[[0, colour], [1, colour]], showscale=False,
        marker={"line": {"color": BORDER_COLOUR, "width": 0.5}}, text=[text for _, text in in_tier],
        hovertemplate="%{text}<extra></extra>", name=label, legendgroup=tier, showlegend=True,
    )


def _marker_trace(points: list[tuple[tuple[float, float], str]], tier: str, label: str) -> go.Scattermap:
    """States too small for a 1:110m polygon: a dot in their tier's colour, in the tier's legend group.
    points: ((lon, lat), hover text)."""
    return go.Scattermap(
        lon=[lon for (lon, _), _ in points], lat=[lat for (_, lat), _ in points], text=[text for _, text in points],
        mode="markers", marker={"size": 8, "color": TIER_COLOURS[tier]}, hovertemplate="%{text}<extra></extra>",
        name=label, legendgroup=tier, showlegend=False,
    )


def _unscored_trace(shapes: dict, scored: set[str], geojson_url: str | None) -> go.Choroplethmap:
    unscored = sorted({f["properties"]["iso3"] for f in shapes["features"]} - scored - {"ATA"})
    names = {f["properties"]["iso3"]: f["properties"]["name"] for f in shapes["features"]}
    return go.Choroplethmap(
        geojson=geometry(shapes, set(unscored), geojson_url), featureidkey="properties.iso3", locations=unscored,
        z=[0] * len(unscored), colorscale=[[0, NOT_SCORED_COLOUR], [1, NOT_SCORED_COLOUR]], showscale=False,
        marker={"line": {"color": UNSCORED_BORDER, "width": 0.5}}, text=[names[c] for c in unscored],
        hovertemplate="%{text}: not scored<extra></extra>", name="not scored", showlegend=False,
    )
