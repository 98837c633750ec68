"""A chart's text alternative read from the figure: every plotted value in a table, and a one-line summary."""

from __future__ import annotations

import plotly.graph_objects as go
from plotly.subplots import make_subplots

from r2p.ui.chart_text import chart_summary, chart_table


def _two_panels() -> go.Figure:
    figure = make_subplots(rows=1, cols=2)
    figure.add_trace(go.Scatter(x=[2020, 2021, 2022], y=[1.5, 2.0, 2.5], name="Infant mortality"), row=1, col=1)
    figure.add_trace(go.Scatter(x=[2020, 2021], y=[3, None], name="Battle deaths"), row=1, col=2)
    figure.add_trace(go.Scatter(x=[0, 1, 1], y=[0, 1, 0], fill="toself", hoverinfo="skip"))  # an outline
    figure.update_xaxes(title_text="Year")
    figure.update_yaxes(title_text="Per 1,000 births", row=1, col=1)
    figure.update_layout(title="Indicators, <b>Sudan</b>")
    return figure


def test_the_table_holds_every_point_with_its_series_and_axis_titles() -> None:
    table = chart_table(_two_panels())
    assert list(table.columns) == ["Series", "Year", "Per 1,000 births", "Y"]
    assert table["Series"].tolist() == ["Infant mortality"] * 3 + ["Battle deaths"] * 2  # not the outline
    assert table["Year"].tolist() == [2020, 2021, 2022, 2020, 2021]


def test_the_summary_names_the_chart_its_series_and_span() -> None:
    figure = _two_panels()
    summary = chart_summary(figure, chart_table(figure))
    assert summary == ("Chart: Indicators, Sudan. 5 data points in 2 series: Infant mortality (3), Battle deaths (2); "
                       "Year from 2020 to 2022. The table below holds every value.")


def test_a_map_lists_places_by_group_without_its_constant_colour_value() -> None:
    figure = go.Figure([go.Choroplethmap(locations=["SDN", "TCD"], z=[1, 1], text=["Sudan<br>High", "Chad"],
                                         name="High"),
                        go.Choroplethmap(locations=["FRA"], z=[0], text=["France"], name="Low")])
    table = chart_table(figure)
    assert table.to_dict("list") == {"Series": ["High", "High", "Low"], "Code": ["SDN", "TCD", "FRA"],
                                     "Place": ["Sudan High", "Chad", "France"]}
    assert chart_summary(figure, table).startswith("Map: untitled. 3 data points in 2 series: High (2), Low (1)")


def test_an_empty_chart_says_it_holds_nothing() -> None:
    figure = go.Figure(layout={"title": {"text": "Nothing yet"}})
    assert chart_table(figure).empty
    assert chart_summary(figure, chart_table(figure)) == "Chart: Nothing yet. It holds no data points."


def test_a_series_already_counted_in_its_legend_name_is_not_counted_twice() -> None:
    figure = go.Figure([go.Choroplethmap(locations=["SDN", "TCD"], z=[1, 1], name="Very high (2)"),
                        go.Choroplethmap(locations=["FRA"], z=[0], name="Low")])
    assert "2 series: Very high (2), Low (1)" in chart_summary(figure, chart_table(figure))
