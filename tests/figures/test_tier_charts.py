"""Country tier charts: model tier and assessed tier side by side, thresholds, and contribution bars."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go
import pytest

from r2p.figures.tier_charts import contribution_chart, tier_history_chart
from r2p.figures.tier_style import TIER_COLOURS
from r2p.read.profile import tier_history
from r2p.tiers.method import method
from r2p.vocabulary import INSUFFICIENT
from r2p.warehouse import Warehouse
from tests.helpers.real_warehouse import real_warehouse

HISTORY = pd.DataFrame({
    "period": [2023, 2024, 2025, 2026], "score": [3.5, 5.2, 6.3, None],
    "tier": ["Moderate", "High", "Very high", None], "coverage": [1.0, 0.9, 1.0, None],
    "assessed_tier": [None, "Very high", None, "High"], "assessed_by": [None, "Ana", None, "Ben"],
    "assessed_rationale": [None, "Reports from the field.", None, "Forward-looking."],
})


def test_the_model_and_the_assessed_tier_are_separate_traces_naming_the_method() -> None:
    figure = tier_history_chart(HISTORY, "composite-1", dict(method("composite-1").thresholds), "t")
    model, assessed, score = figure.data
    assert model.name == "Model tier (composite-1)" and list(model.y) == ["Moderate", "High", "Very high"]
    assert assessed.name == "Assessed tier (analyst)" and list(assessed.x) == [2024, 2026]
    assert list(assessed.y) == ["Very high", "High"] and "Ana" in assessed.text[0]
    assert score.name == "Model score (composite-1)"
    assert {s.y0 for s in figure.layout.shapes} == {6.0, 5.0, 4.0, 3.0}  # Low's 0 is the axis itself
    assert list(figure.layout.yaxis.categoryarray)[0] == "Insufficient data"


def test_the_threshold_lines_are_those_add_hline_draws() -> None:
    thresholds = dict(method("composite-1").thresholds)
    figure = tier_history_chart(HISTORY, "composite-1", thresholds, "t")
    reference = go.Figure(figure)
    reference.layout.shapes, reference.layout.annotations = (), ()
    for tier, lower in thresholds.items():
        if lower > 0:
            reference.add_hline(y=lower, row=2, col=1, line={"color": TIER_COLOURS[tier], "dash": "dot", "width": 1},
                                annotation_text=tier, annotation_position="top left", annotation_font_size=10)
    assert [s.to_plotly_json() for s in figure.layout.shapes] == [s.to_plotly_json() for s in reference.layout.shapes]
    assert [a.to_plotly_json() for a in figure.layout.annotations] \
        == [a.to_plotly_json() for a in reference.layout.annotations]
    assert len(figure.layout.shapes) == sum(lower > 0 for lower in thresholds.values()) > 0


def test_history_does_not_change_the_input() -> None:
    before = HISTORY.copy()
    tier_history_chart(HISTORY, "composite-1", {"Very high": 6.0, "Low": 0.0}, "t")
    pd.testing.assert_frame_equal(HISTORY, before)


def test_contribution_bars_run_largest_on_top_and_add_up() -> None:
    parts = pd.DataFrame({"name": ["Weakness of State structures", "Triggering factors", "A" * 80],
                          "part": [1.5, 0.2, 0.9]})
    bars = contribution_chart(parts, "What makes up the score").data[0]
    assert list(bars.x) == [0.2, 0.9, 1.5] and sum(bars.x) == parts["part"].sum()
    assert len(bars.y[1]) <= 48 and bars.customdata[1] == "A" * 80


def _axes(figure: go.Figure) -> list:
    return [axis for name in figure.layout if name.startswith(("xaxis", "yaxis")) for axis in [figure.layout[name]]]


def test_both_charts_hold_fixed_margins_that_fit_their_labels() -> None:
    # NOTE: no axis automargin (the browser would draw, measure the labels and draw again); the margins fixed
    # instead must still hold what the browser measured with automargin: 100 px left for the tier names, the
    # bar names at about 5.2 px a character (12 px font), 84 px below for the years and the legend.
    history = tier_history_chart(HISTORY, "composite-1", dict(method("composite-1").thresholds), "t")
    parts = pd.DataFrame({"name": ["Enabling circumstances or preparatory action", "Triggering factors"],
                          "part": [0.9, 0.1]})
    forecast = contribution_chart(parts, "t", "log-odds<br>less the base value")
    for figure in (history, contribution_chart(parts, "t"), forecast):
        assert all(axis.automargin is False for axis in _axes(figure)) and len(_axes(figure)) >= 2
    assert history.layout.margin.l >= 100 and history.layout.margin.b >= 84
    assert contribution_chart(parts, "t").layout.margin.l >= 5.2 * len(parts["name"][0]) + 18
    assert forecast.layout.margin.b > contribution_chart(parts, "t").layout.margin.b  # room for the second line


@pytest.mark.parametrize(("method_version", "from_year"), [("composite-1", 1900), ("composite-2", 1991)])
def test_on_real_data_the_chart_starts_at_the_first_tier_not_at_the_first_insufficient_year(
        method_version: str, from_year: int) -> None:
    history = tier_history(Warehouse(str(real_warehouse())), "SDN", method_version)
    assert history["period"].min() == from_year  # V-Dem reaches back to 1900, when there is too little data
    leading = history[history["period"] < history.loc[history["tier"] != INSUFFICIENT, "period"].min()]
    assert len(leading) and (leading["tier"] == INSUFFICIENT).all()
    first_tier = leading["period"].max() + 1
    figure = tier_history_chart(history, method_version, dict(method(method_version).thresholds), "t")
    model, _, score = figure.data
    assert min(model.x) == first_tier and figure.layout.xaxis.range[0] == first_tier - 0.5
    assert INSUFFICIENT not in set(model.y) and min(score.x) == first_tier
    # composite-2's Insufficient-data scores (7.2-7.8) sat above its Very high line; none is drawn now
    assert max(v for v in score.y if v == v) <= history.loc[history["tier"] != INSUFFICIENT, "score"].max()


def test_no_score_is_drawn_for_an_insufficient_data_year() -> None:
    history = HISTORY.assign(tier=["Moderate", INSUFFICIENT, "Very high", None], score=[3.5, 9.9, 6.3, None])
    figure = tier_history_chart(history, "composite-1", dict(method("composite-1").thresholds), "t")
    model, _, score = figure.data
    assert list(model.y) == ["Moderate", INSUFFICIENT, "Very high"]  # the tier still says Insufficient data
    drawn = dict(zip(score.x, score.y, strict=True))
    assert drawn[2023] == 3.5 and drawn[2025] == 6.3 and drawn[2024] != drawn[2024]  # a gap (NaN), not 9.9
