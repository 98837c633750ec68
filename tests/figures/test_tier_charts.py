"""Country tier charts: model tier and assessed tier side by side, thresholds, and contribution bars."""

from __future__ import annotations

import pandas as pd

from r2p.figures.tier_charts import contribution_chart, tier_history_chart
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


def test_on_real_data_the_chart_starts_at_the_first_tier_and_draws_no_insufficient_score() -> None:
    history = tier_history(Warehouse(str(real_warehouse())), "SDN", "composite-1")
    assert history["period"].min() == 1900  # V-Dem reaches back to 1900, when composite-1 has too little data
    first_tier = history.loc[history["tier"].notna() & (history["tier"] != INSUFFICIENT), "period"].min()
    figure = tier_history_chart(history, "composite-1", dict(method("composite-1").thresholds), "t")
    model, _, score = figure.data
    assert min(model.x) == first_tier > 1900 and figure.layout.xaxis.range[0] == first_tier - 0.5
    tiers = dict(zip(model.x, model.y, strict=True))
    assert INSUFFICIENT in tiers.values()  # Insufficient years after the first tier are still shown as such
    drawn = {year for year, value in zip(score.x, score.y, strict=True) if value is not None and value == value}
    assert drawn and all(tiers[year] != INSUFFICIENT for year in drawn)
    assert drawn == {year for year, tier in tiers.items() if tier != INSUFFICIENT}
