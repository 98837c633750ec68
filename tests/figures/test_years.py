"""Year axes on the real shared data: whole-year ticks without separators, one range across small multiples."""

from __future__ import annotations

import math

import plotly.graph_objects as go
import pytest

from r2p.figures.comparison_chart import TICK_ROOM, comparison_chart
from r2p.figures.indicator_panels import indicator_panels
from r2p.figures.years import year_step
from r2p.read import comparison, explore
from r2p.warehouse import Warehouse
from tests.helpers.real_warehouse import real_warehouse

SHORT, LONG = "ewp.risk_2yr", "vdem.v2x_polyarchy"  # EWP's forecasts span two years; V-Dem's a century


@pytest.fixture(scope="module")
def real() -> Warehouse:
    return Warehouse(str(real_warehouse()))


def _x_axes(figure: go.Figure) -> list:
    return [axis for name, axis in figure.layout.to_plotly_json().items() if name.startswith("xaxis")]


def _ticks(axis: dict) -> list[float]:
    low, high = axis["range"]
    first = math.ceil((low - axis["tick0"]) / axis["dtick"]) * axis["dtick"] + axis["tick0"]
    return [first + i * axis["dtick"] for i in range(int((high - first) // axis["dtick"]) + 1)]


def test_trends_ticks_are_whole_years_without_a_thousands_separator(real: Warehouse) -> None:
    series = comparison.compare_series(real, [SHORT], ["SDN", "MMR"])
    axes = _x_axes(comparison_chart(series, ["SDN", "MMR"], [SHORT], "t"))
    years = sorted(series["period"].unique())
    assert len(years) <= 3  # the span that plotly labelled "2,023.2, 2,023.4"
    for axis in axes:
        assert axis["tickformat"] == "d" and axis["dtick"] == 1
        ticks = _ticks(axis)
        assert ticks == [float(int(t)) for t in ticks] and {int(t) for t in ticks} == {int(y) for y in years}


def test_trends_panels_share_one_range_and_the_legend_sits_below_the_year_labels(real: Warehouse) -> None:
    series = comparison.compare_series(real, [SHORT, LONG], ["SDN", "MMR", "CAF"])
    figure = comparison_chart(series, ["SDN", "MMR", "CAF"], [SHORT, LONG], "t")
    ranges = {tuple(axis["range"]) for axis in _x_axes(figure)}
    assert ranges == {(series["period"].min() - 0.5, series["period"].max() + 0.5)}
    legend = figure.layout.legend
    assert legend.yref == "container" and legend.y == 0 and legend.yanchor == "bottom"
    assert figure.layout.margin.b >= TICK_ROOM + 22  # the year labels' room, then at least one legend row


def test_country_small_multiples_share_one_range(real: Warehouse) -> None:
    series = explore.country_series(real, "SDN")
    shown = series[series["indicator_id"].isin([SHORT, LONG])]
    spans = shown.groupby("indicator_id")["period"].agg(["min", "max"])
    assert spans.loc[SHORT, "min"] > spans.loc[LONG, "min"] + 50  # the panels would start 100 years apart
    axes = _x_axes(indicator_panels(shown))
    assert len(axes) == 2 and {tuple(a["range"]) for a in axes} == {(shown["period"].min() - 0.5,
                                                                     shown["period"].max() + 0.5)}
    assert all(a["showticklabels"] and a["tickformat"] == "d" for a in axes)


@pytest.mark.parametrize(("span", "step"), [(0, 1), (8, 1), (9, 2), (30, 5), (124, 20)])
def test_a_longer_span_gets_a_wider_whole_year_step(span: int, step: int) -> None:
    assert year_step(span) == step
