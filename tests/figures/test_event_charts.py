"""Static event figures for print: plain cartesian shapes (nothing a headless export must fetch)."""

from __future__ import annotations

import pandas as pd

from r2p import geo
from r2p.figures.event_charts import casualty_trend_chart, static_event_map
from r2p.figures.event_map import VIOLENCE, outlines_near

EVENTS = pd.DataFrame({"event_date": pd.to_datetime(["2024-01-05", "2024-02-01", "2024-03-09"]),
                       "admin1": ["Darfur", "Khartoum", "Kordofan"], "latitude": [13.0, 15.5, 12.0],
                       "longitude": [25.0, 32.5, 30.0], "violence_type": [1, 3, 3], "deaths_best": [4, 0, 25]})


def test_the_event_map_draws_the_country_its_neighbours_and_each_kind_of_violence() -> None:
    outlines = outlines_near(geo.load_country_shapes(), "SDN")
    figure = static_event_map(EVENTS, outlines, "SDN", "Events in Sudan")
    assert {trace.type for trace in figure.data} == {"scatter"}  # no map tiles, no geo or MapLibre traces
    points = [trace for trace in figure.data if trace.mode == "markers"]
    assert [trace.name for trace in points] == [VIOLENCE[1][0], VIOLENCE[3][0]]
    assert [len(trace.x) for trace in points] == [1, 2]
    assert figure.layout.yaxis.scaleanchor == "x"  # a degree of longitude and of latitude drawn alike
    west, east = figure.layout.xaxis.range
    assert west < EVENTS["longitude"].min() and east > EVENTS["longitude"].max()
    assert len([t for t in figure.data if t.fill == "toself"]) >= len(outlines["features"])


def test_the_casualty_trend_draws_each_series_and_the_events_per_year() -> None:
    deaths = pd.DataFrame({"series": ["Battle deaths"] * 3 + ["One-sided"] * 2,
                           "period": [2020, 2021, 2022, 2021, 2022], "value": [10.0, 30.0, 20.0, 5.0, 1.0]})
    events = pd.DataFrame({"year": [2021, 2022], "events": [7, 9]})
    figure = casualty_trend_chart(deaths, events, "Deaths and events")
    assert [trace.name for trace in figure.data] == ["Events recorded", "Battle deaths", "One-sided"]
    assert list(figure.data[0].y) == [7, 9] and figure.data[0].yaxis == "y2"
    empty = casualty_trend_chart(deaths.iloc[0:0], events.iloc[0:0], "Nothing")
    assert figure.layout.showlegend  # named even when one series is all there is
    assert not figure.layout.annotations and "No deaths or events" in empty.layout.annotations[0].text
