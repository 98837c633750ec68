"""A chart's text alternative read from the figure: every plotted value in a table, and a one-line summary."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from r2p import geo
from r2p.figures.tier_map import tier_choropleth
from r2p.ui.chart_text import chart_summary, chart_table
from r2p.vocabulary import INSUFFICIENT


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


def test_a_map_trace_naming_each_point_in_customdata_lists_it_under_that_series_in_legend_order() -> None:
    legend = [go.Choroplethmap(locations=[], z=[], name=name, showlegend=True) for name in ("High (2)", "Low (1)")]
    figure = go.Figure([go.Choroplethmap(locations=["FRA", "SDN"], z=[1, 0], text=["France", "Sudan"],
                                         customdata=["Low (1)", "High (2)"], name="tiers"),
                        go.Scattermap(lon=[1.0], lat=[2.0], text=["Malta"], customdata=["High (2)"], name="dots"),
                        *legend])
    table = chart_table(figure)
    assert table[["Series", "Place"]].values.tolist() == [["High (2)", "Sudan"], ["High (2)", "Malta"],
                                                          ["Low (1)", "France"]]
    assert "Value" not in table.columns  # z only picks the series' colour
    assert "2 series: High (2), Low (1)" in chart_summary(figure, table)


def test_text_customdata_of_a_chart_that_is_not_a_map_is_not_a_series() -> None:
    figure = go.Figure(go.Bar(x=[1.0, 2.0], y=["a", "b"], customdata=["Sudan", "Chad"], name="parts"))
    assert set(chart_table(figure)["Series"]) == {"parts"}


def test_the_tier_map_table_lists_each_country_under_its_legend_entry_in_tier_order() -> None:
    tiers = pd.DataFrame({"iso3": ["SDN", "MMR", "SGP", "FRA"], "name": ["Sudan", "Myanmar", "Singapore", "France"],
                          "tier": ["Very high", "Very high", "Low", INSUFFICIENT], "score": [7.1, 6.5, 1.0, None],
                          "coverage": [1.0, 0.9, 1.0, 0.4]})
    table = chart_table(tier_choropleth(tiers, geo.load_country_shapes(), geo.load_small_states(), "Tiers"))
    scored = table[table["Series"] != "not scored"]
    assert scored[["Series", "Place"]].values.tolist() == [
        ["Very high (2)", "Sudan: Very high · score 7.1 · reliability 100%"],
        ["Very high (2)", "Myanmar: Very high · score 6.5 · reliability 90%"],
        ["Low (1)", "Singapore: Low · score 1 · reliability 100%"],
        ["Insufficient data (1)", "France: Insufficient data"]]
    assert "Value" not in table.columns and table["Series"].iloc[0] == "not scored"
    assert "SDN" not in set(table.loc[table["Series"] == "not scored", "Code"])
