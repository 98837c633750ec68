"""One country's indicators as small multiples that stay legible however many indicators are picked."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from r2p.figures.years import year_axes

LINE_COLOUR = "#b30000"


def indicator_panels(series: pd.DataFrame, title: str = "", columns: int = 3) -> go.Figure:
    """series: name, unit, period, value — one panel per indicator (name), titled with its unit; every panel spans
    the same years, so a line's position reads the same in each. title: the figure's (its text alternative and
    exports name it); none leaves the room above the panels to their titles."""
    names = list(dict.fromkeys(series["name"]))
    columns = max(1, min(columns, len(names)))
    rows = max(1, -(-len(names) // columns))
    units = series.drop_duplicates("name").set_index("name")["unit"]
    # NOTE: plotly refuses a vertical spacing above 1 / (rows - 1); shrink it as the grid grows.
    figure = make_subplots(rows=rows, cols=columns, subplot_titles=[f"{n} ({units[n]})" for n in names],
                           vertical_spacing=min(0.08, 0.5 / rows))
    for position, name in enumerate(names):
        panel = series[series["name"] == name]
        figure.add_trace(go.Scatter(x=panel["period"], y=panel["value"], name=name, showlegend=False,
                                    line={"color": LINE_COLOUR}, hovertemplate="%{x}: %{y:.3~g}<extra></extra>"),
                         row=position // columns + 1, col=position % columns + 1)
    figure.update_layout(height=60 + 220 * rows + (40 if title else 0),
                         margin={"l": 10, "r": 10, "t": 80 if title else 40, "b": 10},
                         title={"text": title, "x": 0.01, "font": {"size": 16}} if title else None)
    figure.update_annotations(font_size=11)
    return year_axes(figure, series["period"])
