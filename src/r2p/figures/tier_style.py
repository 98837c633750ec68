"""Tier colours shared by every map, chart and table that shows a tier."""

from __future__ import annotations

from r2p.vocabulary import INSUFFICIENT, TIERS

# ColorBrewer RdBu's red arm (#67001f → #fddbc7): one hue, ordered by lightness, readable with every common
# colour-vision deficiency. Insufficient data is a neutral grey, never a shade of the ramp, so it cannot pass
# for Low; countries without any score are left white.
TIER_COLOURS: dict[str, str] = {
    "Very high": "#67001f",
    "High": "#b2182b",
    "Elevated": "#d6604d",
    "Moderate": "#f4a582",
    "Low": "#fddbc7",
    INSUFFICIENT: "#969696",
}
NOT_SCORED_COLOUR = "#ffffff"
DARK_TIERS = frozenset({"Very high", "High", INSUFFICIENT})  # white text reads better on these
TIER_ORDER: tuple[str, ...] = (*TIERS, INSUFFICIENT)


def tier_cell_style(tier: object) -> str:
    """CSS for a table cell holding a tier (empty for anything that is not a tier)."""
    colour = TIER_COLOURS.get(str(tier))
    if colour is None:
        return ""
    text = "#ffffff" if tier in DARK_TIERS else "#000000"
    return f"background-color: {colour}; color: {text}"
