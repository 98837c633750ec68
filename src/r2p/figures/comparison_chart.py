"""Trends small multiples: one panel per indicator, one line per country, each beside its sub-region's median."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from r2p.figures.years import year_axes

TICK_ROOM, LEGEND_ROW, LEGEND_PER_ROW = 36, 22, 4  # px under the bottom panels' year labels; legend rows
# Okabe-Ito without black and yellow (too light on white): one colour per country, colour-blind safe.
COUNTRY_COLOURS = ("#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#000000", "#999999")


def comparison_chart(series: pd.DataFrame, country_order: list[str], indicator_order: list[str], title: str,
                     columns: int = 2) -> go.Figure:
    """series: indicator_id, indicator_name, unit, kind ('country' | 'median'), iso3, line, un_subregion, period,
    value. Panels follow `indicator_order` (ids); a sub-region's median line (dotted) takes the colour of the first
    chosen country in that sub-region."""
    names = series.drop_duplicates("indicator_id").set_index("indicator_id")["indicator_name"]
    panels = [names[i] for i in indicator_order if i in names.index]
    columns = max(1, min(columns, len(panels)))
    rows = max(1, -(-len(panels) // columns))
    figure = make_subplots(rows=rows, cols=columns, subplot_titles=_titles(series, panels),
                           vertical_spacing=min(0.12, 0.3 / rows), horizontal_spacing=0.08)
    colours = {iso3: COUNTRY_COLOURS[i % len(COUNTRY_COLOURS)] for i, iso3 in enumerate(country_order)}
    countries = series[series["kind"] == "country"].drop_duplicates("iso3")
    region_colour = {}
    for iso3 in country_order:
        region = countries.loc[countries["iso3"] == iso3, "un_subregion"]
        if len(region):
            region_colour.setdefault(region.iloc[0], colours[iso3])
    shown: set[str] = set()
    for position, panel in enumerate(panels):
        row, col = position // columns + 1, position % columns + 1
        for line, points in series[series["indicator_name"] == panel].groupby("line", sort=False):
            is_median = points["kind"].iloc[0] == "median"
            colour = region_colour.get(points["un_subregion"].iloc[0], "#7f7f7f") if is_median \
                else colours.get(points["iso3"].iloc[0], "#7f7f7f")
            figure.add_trace(go.Scatter(
                x=points["period"], y=points["value"], name=str(line), legendgroup=str(line),
                showlegend=line not in shown, mode="lines",
                line={"color": colour, "width": 1.5 if is_median else 2.5, "dash": "dot" if is_median else "solid"},
                hovertemplate=f"{line}: %{{y:.3~g}} (%{{x}})<extra></extra>"), row=row, col=col)
            shown.add(str(line))
    # NOTE: the legend sits at the figure's foot (container coordinates), below the room the year labels take;
    # placed in paper coordinates under the plot area, it covered the bottom panels' years.
    legend_height = LEGEND_ROW * -(-len(shown) // LEGEND_PER_ROW)
    figure.update_layout(title={"text": title, "x": 0.01}, height=80 + 280 * rows + legend_height,
                         margin={"l": 10, "r": 10, "t": 70, "b": TICK_ROOM + legend_height},
                         legend={"orientation": "h", "yref": "container", "y": 0, "yanchor": "bottom"})
    figure.update_annotations(font_size=12)
    return year_axes(figure, series["period"])


def _titles(series: pd.DataFrame, panels: list[str]) -> list[str]:
    units = series.drop_duplicates("indicator_name").set_index("indicator_name")["unit"]
    return [f"{panel} ({units[panel]})" for panel in panels]
