"""Engagement figures: the situation x actor matrix coloured by kind, and the situation-actor network (offline)."""

from __future__ import annotations

import math

import pandas as pd
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from r2p.vocabulary import ENGAGEMENT_KINDS, GROUPS

KIND_COLOURS = {
    "mandate": "#1f77b4", "sanctions": "#d62728", "inquiry": "#9467bd", "envoy": "#2ca02c", "resolution": "#ff7f0e",
    "statement": "#bcbd22", "investigation": "#8c564b", "case": "#e377c2", "funding": "#17becf", "briefing": "#7f7f7f",
}
TIER_COLOURS = {"Very high": "#67000d", "High": "#cb181d", "Elevated": "#fb6a4a", "Moderate": "#fcbba1",
                "Low": "#fee5d9", "No tier": "#d9d9d9"}
_KINDS = list(ENGAGEMENT_KINDS)
OUTER = 2.0  # radius of the actors' ring; situations sit on the unit circle


def engagement_matrix(active: pd.DataFrame, situations: pd.DataFrame, title: str) -> go.Figure:
    """Rows: situations (in the given order); columns: engaged actors grouped UN / US / Regional / Other.

    active: engagement_view rows (situation, label, group, kind, kind_label, title, dissolved).
    situations: situation_id, name — the rows to draw, top first.
    """
    groups = [g for g in GROUPS if g in set(active["group"])]
    if active.empty or not groups:
        return _empty(title, "No engagement matches these filters on this date.")
    # NOTE: a floor on each group's width keeps the titles of small groups (US, Other) from overlapping.
    widths = [max(active[active["group"] == g]["actor_id"].nunique(), 5) for g in groups]
    figure = make_subplots(rows=1, cols=len(groups), shared_yaxes=True, subplot_titles=groups,
                           column_widths=widths, horizontal_spacing=0.015)
    names = list(situations["name"])
    for position, group in enumerate(groups, start=1):
        cells = _cells(active[active["group"] == group])
        # NOTE: square markers, not a heatmap: a heatmap facet holding a single situation row is placed by its
        # own bricks rather than by the shared category axis, and drew its cells on the wrong row.
        figure.add_trace(go.Scatter(
            x=cells["actor"], y=cells["situation"], text=cells["hover"], hoverinfo="text", mode="markers",
            marker={"symbol": "square", "size": 15, "color": cells["colour"]}, showlegend=False,
        ), row=1, col=position)
        figure.update_xaxes(tickangle=-60, tickfont={"size": 9}, automargin=True, row=1, col=position)
    # Every situation gets a row, engaged or not: an empty row is a gap you can see.
    figure.add_trace(go.Scatter(x=[_cells(active[active["group"] == groups[0]])["actor"].iloc[0]] * len(names),
                                y=names, mode="markers", marker={"opacity": 0}, hoverinfo="skip", showlegend=False),
                     row=1, col=1)
    for kind in [k for k in _KINDS if k in set(active["kind"])]:  # a legend: heatmaps have none of their own
        figure.add_trace(go.Scatter(x=[None], y=[None], mode="markers", name=ENGAGEMENT_KINDS[kind],
                                    marker={"color": KIND_COLOURS[kind], "symbol": "square", "size": 12}))
    figure.update_yaxes(categoryorder="array", categoryarray=names[::-1], type="category", tickfont={"size": 10},
                        automargin=True)
    figure.update_layout(title={"text": title, "x": 0.01}, height=300 + 24 * len(names),
                         margin={"l": 10, "r": 10, "t": 80, "b": 10}, legend={"orientation": "h", "y": -0.25})
    return figure


def _cells(active: pd.DataFrame) -> pd.DataFrame:
    """One cell per situation and actor: the first kind (vocabulary order) colours it; hover lists every title,
    each marked "(unverified)" when the row's `verified` is false (no source, or not checked)."""
    verified = active["verified"] if "verified" in active else pd.Series(True, index=active.index)
    frame = active.assign(actor=active["label"] + active["dissolved"].notna().map({True: " †", False: ""}),
                          order=active["kind"].map(_KINDS.index),
                          shown=active["title"] + verified.astype(bool).map({True: "", False: " (unverified)"}))
    rows = []
    for (situation, actor), group in frame.sort_values("order").groupby(["situation", "actor"], sort=False):
        hover = "<br>".join(f"{k}: {t}" for k, t in zip(group["kind_label"], group["shown"], strict=True))
        rows.append({"situation": situation, "actor": actor, "colour": KIND_COLOURS[group["kind"].iloc[0]],
                     "hover": f"<b>{actor}</b> on {situation}<br>{hover}"})
    return pd.DataFrame(rows)


def engagement_network(active: pd.DataFrame, situation_tiers: pd.DataFrame, title: str) -> go.Figure:
    """Situations on an inner ring (coloured by tier), actors outside near their situations, edges by kind."""
    if active.empty:
        return _empty(title, "No engagement matches these filters on this date.")
    tiers = situation_tiers.set_index("situation_id")
    situations = sorted(set(active["situation_id"]), key=lambda s: (tiers["tier_rank"].get(s, 9), s))
    angle = {s: 2 * math.pi * i / len(situations) for i, s in enumerate(situations)}
    inner = {s: (math.cos(a), math.sin(a)) for s, a in angle.items()}
    outer = _actor_positions(active, angle)
    figure = go.Figure()
    for kind, edges in active.groupby("kind", sort=False):
        xs, ys = [], []
        for situation, actor in zip(edges["situation_id"], edges["actor_id"], strict=True):
            xs += [inner[situation][0], outer[actor][0], None]
            ys += [inner[situation][1], outer[actor][1], None]
        figure.add_trace(go.Scatter(x=xs, y=ys, mode="lines", name=ENGAGEMENT_KINDS.get(kind, kind),
                                    line={"color": KIND_COLOURS.get(kind, "#999"), "width": 1}, hoverinfo="skip"))
    labels = active.drop_duplicates("actor_id").set_index("actor_id")["label"]
    points = [outer[a] for a in labels.index]
    figure.add_trace(go.Scatter(
        x=[p[0] for p in points], y=[p[1] for p in points], mode="markers+text",
        text=list(labels), textposition=_outward(points), textfont={"size": 9}, name="Actors",
        marker={"color": "#ffffff", "line": {"color": "#444", "width": 1}, "size": 8}, hoverinfo="text"))
    names = active.drop_duplicates("situation_id").set_index("situation_id")["situation"]
    figure.add_trace(go.Scatter(
        x=[inner[s][0] for s in situations], y=[inner[s][1] for s in situations], mode="markers+text",
        text=[names[s] for s in situations], textposition=_outward([(-x, -y) for x, y in
                                                                   (inner[s] for s in situations)]),
        textfont={"size": 10}, name="Situations", hoverinfo="text",
        marker={"size": 16, "color": [TIER_COLOURS.get(tiers["tier"].get(s, "No tier"), "#d9d9d9")
                                      for s in situations], "line": {"color": "#222", "width": 1}}))
    axis = {"visible": False, "range": [-OUTER - 0.7, OUTER + 0.7]}
    figure.update_layout(title={"text": title, "x": 0.01}, height=760, xaxis=axis, yaxis=axis | {"scaleanchor": "x"},
                         margin={"l": 10, "r": 10, "t": 50, "b": 10}, legend={"orientation": "h", "y": -0.02})
    return figure


def _actor_positions(active: pd.DataFrame, angle: dict[str, float]) -> dict[str, tuple[float, float]]:
    """Actors evenly spaced on an outer ring, in the order of the mean direction of their situations."""
    directions = {}
    for actor, rows in active.groupby("actor_id", sort=True):
        x = sum(math.cos(angle[s]) for s in rows["situation_id"])
        y = sum(math.sin(angle[s]) for s in rows["situation_id"])
        directions[actor] = math.atan2(y, x) % (2 * math.pi)
    ordered = sorted(directions, key=lambda a: (directions[a], a))
    step = 2 * math.pi / max(len(ordered), 1)
    offset = directions[ordered[0]] if ordered else 0.0
    return {a: (OUTER * math.cos(offset + i * step), OUTER * math.sin(offset + i * step))
            for i, a in enumerate(ordered)}


def _outward(points: list[tuple[float, float]]) -> list[str]:
    """Label each point on the side away from the centre."""
    return [("top" if y > 0.3 else "bottom" if y < -0.3 else "middle") + (" right" if x >= 0 else " left")
            for x, y in points]


def _empty(title: str, message: str) -> go.Figure:
    figure = go.Figure()
    figure.add_annotation(text=message, showarrow=False, x=0.5, y=0.5, xref="paper", yref="paper")
    figure.update_layout(title={"text": title, "x": 0.01}, height=240, xaxis={"visible": False},
                         yaxis={"visible": False})
    return figure
