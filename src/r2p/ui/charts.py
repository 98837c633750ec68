"""Line charts: one country's series beside its region's median, and small multiples of many indicators."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go
from plotly.subplots import make_subplots

COUNTRY_COLOUR = "#b30000"
REGION_COLOUR = "#7f7f7f"


def series_with_region(series: pd.DataFrame, title: str, country: str, region: str) -> go.Figure:
    """series: period, value, region_median."""
    figure = go.Figure()
    figure.add_trace(go.Scatter(x=series["period"], y=series["region_median"], name=f"{region} median",
                                line={"color": REGION_COLOUR, "dash": "dot"}))
    figure.add_trace(go.Scatter(x=series["period"], y=series["value"], name=country,
                                line={"color": COUNTRY_COLOUR, "width": 2.5}))
    figure.update_layout(title={"text": title, "x": 0.01}, height=380, margin={"l": 10, "r": 10, "t": 50, "b": 10},
                         legend={"orientation": "h", "y": -0.15})
    return figure


def small_multiples(series: pd.DataFrame, columns: int = 3) -> go.Figure:
    """series: indicator_id, name, unit, period, value — one panel per indicator."""
    names = list(dict.fromkeys(series["name"]))
    rows = max(1, -(-len(names) // columns))
    figure = make_subplots(rows=rows, cols=columns, subplot_titles=names, vertical_spacing=0.08)
    for position, name in enumerate(names):
        panel = series[series["name"] == name]
        figure.add_trace(go.Scatter(x=panel["period"], y=panel["value"], name=name, showlegend=False,
                                    line={"color": COUNTRY_COLOUR}),
                         row=position // columns + 1, col=position % columns + 1)
    figure.update_layout(height=220 * rows, margin={"l": 10, "r": 10, "t": 40, "b": 10})
    figure.update_annotations(font_size=11)
    return figure
