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
TIER_ORDER: tuple[str, ...] = (*TIERS, INSUFFICIENT)
TEXT_CONTRAST = 4.5  # WCAG 2.1 AA (1.4.3) for normal-size text


def tier_cell_style(tier: object) -> str:
    """CSS for a table cell holding a tier (empty for anything that is not a tier): the tier's colour behind
    black or white text, whichever contrasts more (at least 4.5:1 for every tier; tests/figures check it)."""
    colour = TIER_COLOURS.get(str(tier))
    if colour is None:
        return ""
    return f"background-color: {colour}; color: {text_colour(colour)}"


def text_colour(background: str) -> str:
    """Black or white, whichever has the higher contrast ratio on `background` (#rrggbb)."""
    return "#000000" if contrast_ratio(background, "#000000") >= contrast_ratio(background, "#ffffff") \
        else "#ffffff"


def contrast_ratio(first: str, second: str) -> float:
    """WCAG 2.1's contrast ratio of two #rrggbb colours, from 1 (none) to 21 (black on white)."""
    lighter, darker = sorted((_luminance(first), _luminance(second)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def _luminance(colour: str) -> float:
    """WCAG 2.1's relative luminance of a #rrggbb colour."""
    channels = [int(colour.lstrip("#")[i:i + 2], 16) / 255 for i in (0, 2, 4)]
    linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]
