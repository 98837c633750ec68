"""Tier colours as table cells: every tier's text reads at WCAG 2.1 AA contrast (4.5:1) on its colour."""

from __future__ import annotations

import pytest

from r2p.figures.tier_style import TEXT_CONTRAST, TIER_COLOURS, TIER_ORDER, contrast_ratio, tier_cell_style


def test_the_contrast_ratio_is_wcags() -> None:
    # the two ends of the scale, and Streamlit's old caption grey that axe-core measured at 3.88:1
    assert contrast_ratio("#000000", "#ffffff") == pytest.approx(21)
    assert contrast_ratio("#ffffff", "#ffffff") == pytest.approx(1)
    assert contrast_ratio("#828180", "#ffffff") == pytest.approx(3.88, abs=0.01)


@pytest.mark.parametrize("tier", TIER_ORDER)
def test_every_tier_cell_has_readable_text(tier: str) -> None:
    style = dict(part.split(": ") for part in tier_cell_style(tier).split("; "))
    assert style["background-color"] == TIER_COLOURS[tier]
    assert contrast_ratio(style["background-color"], style["color"]) >= TEXT_CONTRAST


def test_white_on_the_grey_of_insufficient_data_would_not_read() -> None:
    # why the text colour is computed: white on #969696 is 2.96:1, below AA
    assert contrast_ratio(TIER_COLOURS["Insufficient data"], "#ffffff") < TEXT_CONTRAST
    assert "color: #000000" in tier_cell_style("Insufficient data")
