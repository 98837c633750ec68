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
    figure = go.Figure()
    figure.add_trace(_unscored_trace(shapes, set(tiers["iso3"]), geojson_url))
    small = tiers.merge(markers[["iso3", "lon", "lat"]], on="iso3")
    for tier in TIER_ORDER:
        in_tier = tiers[tiers["tier"] == tier]
        label = legend_label(tier, len(in_tier))
        figure.add_trace(_tier_trace(shapes, in_tier[in_tier["iso3"].isin(drawn)], tier, label, geojson_url))
        figure.add_trace(_marker_trace(small[small["tier"] == tier], tier, label))
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
    return [f"{r.name}: {r.tier} · score {r.score:.3g} · reliability {r.coverage:.0%}" if r.score == r.score
            else f"{r.name}: {r.tier}" for r in frame.itertuples()]


def _tier_trace(shapes: dict, in_tier: pd.DataFrame, tier: str, label: str,
                geojson_url: str | None) -> go.Choroplethmap:
    colour = TIER_COLOURS[tier]
    return go.Choroplethmap(
        geojson=geometry(shapes, set(in_tier["iso3"]), geojson_url), featureidkey="properties.iso3",
        locations=in_tier["iso3"],
        z=[1] * len(in_tier), colorscale=[[0, colour], [1, colour]], showscale=False,
        marker={"line": {"color": BORDER_COLOUR, "width": 0.5}}, text=_hover(in_tier),
        hovertemplate="%{text}<extra></extra>", name=label, legendgroup=tier, showlegend=True,
    )


def _marker_trace(points: pd.DataFrame, tier: str, label: str) -> go.Scattermap:
    """States too small for a 1:110m polygon: a dot in their tier's colour, in the tier's legend group."""
    return go.Scattermap(
        lon=points["lon"], lat=points["lat"], text=_hover(points), mode="markers",
        marker={"size": 8, "color": TIER_COLOURS[tier]}, hovertemplate="%{text}<extra></extra>",
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
