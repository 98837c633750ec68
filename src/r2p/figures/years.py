"""Year axes: whole-year ticks without a thousands separator, one range shared by every panel of a figure."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

# (largest span in years, tick step): a step of whole years, so no tick falls between two years.
_STEPS = ((8, 1), (16, 2), (40, 5), (100, 10))


def year_step(span: int) -> int:
    """Years between ticks for an axis spanning `span` years (1 for a short span, up to 20 for a century+)."""
    return next((step for largest, step in _STEPS if span <= largest), 20)


def year_range(periods: pd.Series) -> tuple[int, int] | None:
    """First and last year held (None when there is none)."""
    years = pd.to_numeric(periods, errors="coerce").dropna()
    return None if years.empty else (int(years.min()), int(years.max()))


def year_axes(figure: go.Figure, periods: pd.Series) -> go.Figure:
    """Every x axis of the figure: the same range of whole years (half a year of room either side), ticks on
    whole years as "2023" — plotly's default shows a short span as "2,023.2, 2,023.4"."""
    span = year_range(periods)
    if span is None:
        return figure
    first, last = span
    # NOTE: showticklabels: a grid's panels each keep their year labels, even where no panel sits below them.
    figure.update_xaxes(range=[first - 0.5, last + 0.5], tickformat="d", tick0=0, dtick=year_step(last - first),
                        showticklabels=True)
    return figure
