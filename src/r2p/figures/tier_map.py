"""The tier world map: categorical tier colours on shipped geometry, a legend with counts, drawn offline."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from r2p.figures.maps import BORDER_COLOUR, LEGEND_BELOW_ROOM, geometry
from r2p.figures.tier_style import NOT_SCORED_COLOUR, TIER_COLOURS, TIER_ORDER

UNSCORED_BORDER = "#bdbdbd"
TIER_SCALE = [[position, TIER_COLOURS[tier]] for step, tier in enumerate(TIER_ORDER)
              for position in (step / len(TIER_ORDER), (step + 1) / len(TIER_ORDER))]  # hard steps, one per tier
TIER_RANK = {tier: step for step, tier in enumerate(TIER_ORDER)}  # a polygon's z: its tier's step in TIER_SCALE


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
    whole; its legend then sits under the map rather than over the Americas).
    Each point names its legend entry in customdata (r2p.ui.chart_text lists the points under it)."""
    drawn = {f["properties"]["iso3"] for f in shapes["features"]}
    # NOTE: three drawn traces, as r2p.figures.maps.world_choropleth: one per tier (polygons and dots apart) made
    # thirteen, and the browser spent twice the one-map floor's main-thread time on them. Countries are ordered
    # by tier, then as in `tiers`; the legend is drawn by empty traces, which cost MapLibre nothing to draw.
    rows = sorted(zip(tiers["iso3"], tiers["tier"], _hover(tiers), strict=True), key=lambda row: TIER_RANK[row[1]])
    labels = {tier: legend_label(tier, sum(row[1] == tier for row in rows)) for tier in TIER_ORDER}
    points = dict(zip(markers["iso3"], zip(markers["lon"], markers["lat"], strict=True), strict=True))
    figure = go.Figure()
    figure.add_trace(_unscored_trace(shapes, {iso3 for iso3, _, _ in rows}, geojson_url))
    polygons = [row for row in rows if row[0] in drawn]
    figure.add_trace(_tier_trace(polygons, labels, shapes, geojson_url))
    figure.add_trace(_marker_trace([(points[iso3], tier, text) for iso3, tier, text in rows if iso3 in points],
                                   labels))
    figure.add_traces([_legend_entry(tier, labels[tier]) for tier in TIER_ORDER])
    figure.update_layout(
        title={"text": title, "x": 0.01, "font": {"size": 16}},
        map={"style": "white-bg", "center": {"lon": 15, "lat": 15}, "zoom": zoom},
        margin={"l": 0, "r": 0, "t": 40, "b": LEGEND_BELOW_ROOM if legend_below else 0},
        height=height,
        # the entries stand for no trace of their own: a click would hide nothing
        legend={"title": {"text": "Model tier (countries)"}, "x": 0.01, "y": 0.02, "bgcolor": "rgba(255,255,255,0.85)",
                "itemclick": False, "itemdoubleclick": False}
        | ({"orientation": "h", "y": 0, "yanchor": "top", "title": {"side": "top"}} if legend_below else {}),
    )
    return figure


def _hover(frame: pd.DataFrame) -> list[str]:
    return [f"{name}: {tier} · score {score:.3g} · reliability {coverage:.0%}" if score == score else f"{name}: {tier}"
            for name, tier, score, coverage in zip(frame["name"], frame["tier"], frame["score"], frame["coverage"],
                                                   strict=True)]


def _tier_trace(polygons: list[tuple[str, str, str]], labels: dict[str, str], shapes: dict,
                geojson_url: str | None) -> go.Choroplethmap:
    """polygons: (iso3, tier, hover text); z is the tier's place in TIER_ORDER, coloured by TIER_SCALE's steps."""
    locations = [iso3 for iso3, _, _ in polygons]
    return go.Choroplethmap(
        geojson=geometry(shapes, set(locations), geojson_url), featureidkey="properties.iso3", locations=locations,
        z=[TIER_RANK[tier] for _, tier, _ in polygons], zmin=-0.5, zmax=len(TIER_ORDER) - 0.5, colorscale=TIER_SCALE,
        showscale=False, marker={"line": {"color": BORDER_COLOUR, "width": 0.5}},
        text=[text for _, _, text in polygons], customdata=[labels[tier] for _, tier, _ in polygons],
        hovertemplate="%{text}<extra></extra>", name="Model tier", showlegend=False,
    )


def _marker_trace(points: list[tuple[tuple[float, float], str, str]], labels: dict[str, str]) -> go.Scattermap:
    """States too small for a 1:110m polygon: a dot in their tier's colour. points: ((lon, lat), tier, hover text)."""
    return go.Scattermap(
        lon=[lon for (lon, _), _, _ in points], lat=[lat for (_, lat), _, _ in points],
        text=[text for _, _, text in points], customdata=[labels[tier] for _, tier, _ in points], mode="markers",
        marker={"size": 8, "color": [TIER_COLOURS[tier] for _, tier, _ in points]},
        hovertemplate="%{text}<extra></extra>", name="small states", showlegend=False,
    )


def _legend_entry(tier: str, label: str) -> go.Choroplethmap:
    """A tier's legend entry (its colour and count) and nothing else: its one location matches no shape of its
    empty GeoJSON, so nothing is drawn or hovered (a trace with no location at all gets no legend entry)."""
    colour = TIER_COLOURS[tier]
    return go.Choroplethmap(
        geojson={"type": "FeatureCollection", "features": []}, featureidkey="properties.iso3", locations=[""], z=[0],
        colorscale=[[0, colour], [1, colour]], showscale=False, marker={"line": {"color": BORDER_COLOUR, "width": 0.5}},
        name=label, legendgroup=tier, showlegend=True, hoverinfo="skip",
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
