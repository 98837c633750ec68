"""Country tier charts: the model's tier and score over time with the analyst's tier beside it, and what
makes up one period's score."""

from __future__ import annotations

import html
import textwrap

import pandas as pd
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from r2p.figures.tier_style import TIER_COLOURS, TIER_ORDER
from r2p.figures.years import year_axes
from r2p.vocabulary import INSUFFICIENT

MODEL_LINE = "#4d4d4d"
ASSESSED_COLOUR = "#000000"
BAR_COLOUR = "#b2182b"
LOWERING_COLOUR = "#2166ac"  # a part below zero (a forecast's driver that lowers the risk)
# NOTE: fixed margins, wide enough for what each chart holds, and no axis automargin: with automargin the browser
# draws the chart, measures every tick label, widens the margins and draws it again (the tier chart alone: about
# 0.25 s of a headless Chromium's CPU of 0.95). Measured in the browser at 12 px: the tier names and score ticks
# need 100 px at the left, the years and the two-row legend 84 px below (less and the legend would push the margin
# and redraw); a bar's name about 5.2 px a character. Exports turn automargin back on (r2p.exports.charts).
HISTORY_MARGIN = {"l": 104, "r": 20, "t": 50, "b": 90}
LABEL_PX = 6  # per character of a bar's name, a little over what the browser draws


def tier_history_chart(history: pd.DataFrame, method_label: str, thresholds: dict[str, float],
                       title: str) -> go.Figure:
    """history: period, score, tier, coverage, assessed_tier, assessed_by, assessed_rationale. Top: model tier and
    assessed tier per period; bottom: model score against the method's tier thresholds. The chart starts at the
    first period the method assigned a tier (not at the first Insufficient-data year of a source going back to
    1900), and draws no score where the tier is Insufficient data: that score is not comparable with the
    thresholds."""
    figure = make_subplots(rows=2, cols=1, shared_xaxes=True, row_heights=[0.55, 0.45], vertical_spacing=0.06)
    history = scored_span(history)
    model = history.dropna(subset=["tier"])
    comparable = model["score"].where(model["tier"] != INSUFFICIENT)
    figure.add_trace(go.Scatter(
        x=model["period"], y=model["tier"], mode="lines+markers", name=f"Model tier ({method_label})",
        line={"color": MODEL_LINE, "shape": "hv", "width": 1},
        marker={"size": 9, "color": [TIER_COLOURS[t] for t in model["tier"]],
                "line": {"color": MODEL_LINE, "width": 1}},
        customdata=model[["score", "coverage"]], legendgroup="model",
        hovertemplate="%{x}: %{y} · score %{customdata[0]:.3g} · reliability %{customdata[1]:.0%}<extra></extra>",
    ), row=1, col=1)
    assessed = history.dropna(subset=["assessed_tier"])
    figure.add_trace(go.Scatter(
        x=assessed["period"], y=assessed["assessed_tier"], mode="markers", name="Assessed tier (analyst)",
        marker={"symbol": "diamond-open", "size": 16, "color": ASSESSED_COLOUR, "line": {"width": 2}},
        text=[_assessment_note(r) for r in assessed.itertuples()], hovertemplate="%{x}: %{text}<extra></extra>",
    ), row=1, col=1)
    figure.add_trace(go.Scatter(
        x=model["period"], y=comparable, mode="lines", name=f"Model score ({method_label})",
        line={"color": MODEL_LINE, "width": 2}, legendgroup="model", hovertemplate="%{x}: %{y:.3g}<extra></extra>",
    ), row=2, col=1)
    # NOTE: the threshold lines add_hline(row=2, annotation_position="top left") draws, set in one update: each
    # add_hline call re-validated the layout, half of the chart's build time.
    lines = {tier: lower for tier, lower in thresholds.items() if lower > 0}
    figure.update_layout(
        shapes=[{"type": "line", "xref": "x2 domain", "x0": 0, "x1": 1, "yref": "y2", "y0": lower, "y1": lower,
                 "line": {"color": TIER_COLOURS[tier], "dash": "dot", "width": 1}} for tier, lower in lines.items()],
        annotations=[{"text": tier, "showarrow": False, "xref": "x2 domain", "x": 0, "xanchor": "left", "yref": "y2",
                      "y": lower, "yanchor": "bottom", "font": {"size": 10}} for tier, lower in lines.items()])
    figure.update_yaxes(type="category", categoryorder="array", categoryarray=list(reversed(TIER_ORDER)),
                        range=[-0.5, len(TIER_ORDER) - 0.5], row=1, col=1)
    figure.update_yaxes(title_text="score", row=2, col=1)
    figure.update_layout(title={"text": title, "x": 0.01}, height=460, margin=HISTORY_MARGIN,
                         legend={"orientation": "h", "y": -0.08})
    figure.update_yaxes(automargin=False)
    return year_axes(figure, history["period"]).update_xaxes(automargin=False)


def scored_span(history: pd.DataFrame) -> pd.DataFrame:
    """The history from the first period with a tier other than Insufficient data (all of it when there is
    none), plus any analyst's assessment made before then."""
    assigned = history.loc[history["tier"].notna() & (history["tier"] != INSUFFICIENT), "period"]
    assessed = history.loc[history["assessed_tier"].notna(), "period"]
    if assigned.empty:
        return history
    first = min(assigned.min(), assessed.min()) if len(assessed) else assigned.min()
    return history[history["period"] >= first]


def contribution_chart(parts: pd.DataFrame, title: str, scale: str = "part of the score") -> go.Figure:
    """parts: name, part — one bar each, largest at the top; the bars add up to the score (a forecast's: to its
    log-odds less the base value, which `scale`, the axis title, states; bars below zero are blue)."""
    ordered = parts.sort_values("part")
    labels = [textwrap.shorten(name, 48, placeholder="…") for name in ordered["name"]]
    colours = [LOWERING_COLOUR if part < 0 else BAR_COLOUR for part in ordered["part"]]
    figure = go.Figure(go.Bar(x=ordered["part"], y=labels, orientation="h", marker={"color": colours},
                              customdata=ordered["name"], hovertemplate="%{customdata}: %{x:.3g}<extra></extra>"))
    lines = scale.count("<br>") + 1
    left = LABEL_PX * max((len(label) for label in labels), default=0) + 24  # the labels, their pad and tick
    figure.update_layout(title={"text": title, "x": 0.01}, height=max(220, 26 * len(ordered) + 60 + 20 * lines),
                         margin={"l": left, "r": 20, "t": 50, "b": 50 + 18 * lines},
                         xaxis={"title": {"text": scale}, "automargin": False}, yaxis={"automargin": False})
    return figure


def _assessment_note(row: object) -> str:
    rationale = textwrap.shorten(str(getattr(row, "assessed_rationale", "") or ""), 80, placeholder="…")
    # NOTE: Plotly renders a few HTML tags (<a>, <b>, <br>) in hover text, so analyst text is entity-escaped.
    return html.escape(f"assessed {row.assessed_tier} by {row.assessed_by}: {rationale}")  # type: ignore[attr-defined]
