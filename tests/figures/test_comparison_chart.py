"""Trends small multiples: a panel per indicator, a line per country, dotted sub-region medians."""

from __future__ import annotations

import pandas as pd

from r2p.figures.comparison_chart import COUNTRY_COLOURS, comparison_chart
from r2p.figures.indicator_panels import indicator_panels


def _series() -> pd.DataFrame:
    rows = []
    for indicator in ("Infant mortality", "Democracy"):
        for kind, iso3, line, region in (("country", "SDN", "Sudan", "Northern Africa"),
                                         ("country", "EGY", "Egypt", "Northern Africa"),
                                         ("country", "MMR", "Myanmar", "South-eastern Asia"),
                                         ("median", None, "Northern Africa median", "Northern Africa"),
                                         ("median", None, "South-eastern Asia median", "South-eastern Asia")):
            rows += [{"indicator_id": indicator.lower(), "indicator_name": indicator, "unit": "u", "kind": kind,
                      "iso3": iso3, "line": line, "un_subregion": region, "period": year, "value": float(year % 7)}
                     for year in (2020, 2021)]
    return pd.DataFrame(rows)


def test_one_panel_per_indicator_and_one_line_per_country_and_median() -> None:
    figure = comparison_chart(_series(), ["SDN", "MMR", "EGY"], ["democracy", "infant mortality"], "t")
    assert [a.text for a in figure.layout.annotations] == ["Democracy (u)", "Infant mortality (u)"]  # as chosen
    assert len(figure.data) == 10
    assert sum(trace.showlegend for trace in figure.data) == 5  # one legend entry per line


def test_countries_keep_their_colour_and_a_median_takes_its_first_countrys() -> None:
    figure = comparison_chart(_series(), ["SDN", "MMR", "EGY"], ["democracy"], "t")
    traces = {trace.name: trace for trace in figure.data}
    assert traces["Sudan"].line.color == COUNTRY_COLOURS[0] and traces["Myanmar"].line.color == COUNTRY_COLOURS[1]
    assert traces["Egypt"].line.color == COUNTRY_COLOURS[2]
    assert traces["Northern Africa median"].line.color == COUNTRY_COLOURS[0]
    assert traces["Northern Africa median"].line.dash == "dot" and traces["Sudan"].line.dash == "solid"


def test_many_indicator_panels_still_build() -> None:
    series = pd.DataFrame([{"name": f"Indicator {i}", "unit": "u", "period": 2020 + y, "value": y}
                           for i in range(71) for y in range(3)])
    figure = indicator_panels(series)
    assert len(figure.data) == 71 and figure.layout.annotations[0].text == "Indicator 0 (u)"
