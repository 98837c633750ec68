"""The Overview's world map: the model tiers, or the sidebar's indicator — one at a time, as chosen above it."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from r2p import geo
from r2p.figures.maps import SHAPES_URL, world_choropleth
from r2p.figures.tier_map import tier_choropleth
from r2p.provenance import Provenance, of_values
from r2p.ui import cache
from r2p.ui.banner import provenance_caption
from r2p.ui.chart_text import chart_table
from r2p.ui.downloads import show_chart
from r2p.ui.overview_summary import MAP_HEIGHT, MAP_ZOOM
from r2p.ui.state import view

MAP_CHOICE = "overview_map_choice"  # the session's choice: it stays while the sidebar's country or year changes
TIER_MAP, INDICATOR_MAP = "tiers", "indicator"


def show_overview_map(method_label: str, period: int, insufficient: int, about: Provenance) -> None:
    """A radio group (keyboard: arrow keys) choosing the map, then only the chosen map. NOTE: not st.tabs, whose
    every tab is built in the browser: a hidden second world map held up the first one on every visit."""
    labels = {TIER_MAP: f"Risk tiers ({method_label}, {period})", INDICATOR_MAP: "Indicator map"}
    chosen = st.radio("Map", list(labels), format_func=labels.__getitem__, key=MAP_CHOICE, horizontal=True,
                      label_visibility="collapsed")
    if chosen == INDICATOR_MAP:
        _indicator_map(about.is_demo)
    else:
        _tier_map(method_label, period, insufficient, about)


def _tier_map(method_label: str, period: int, insufficient: int, about: Provenance) -> None:
    figure, table = cache.built(_tier_figure, method_label, period, about.is_demo)
    show_chart(figure, "overview_tier_map", about, table=table)
    st.caption(f"Grey: Insufficient data ({insufficient}), never shown as Low. White: not scored.")
    provenance_caption(about)


def _tier_figure(method_label: str, period: int, is_demo: bool) -> tuple[go.Figure, pd.DataFrame]:
    """The tier map and its data table, kept per warehouse version (cache.built): a warm rerun rebuilt both."""
    title = f"Model tiers ({method_label}), {period}" + (" — DEMO" if is_demo else "")
    figure = tier_choropleth(cache.tier_table(method_label, period), geo.load_country_shapes(),
                             geo.load_small_states(), title, SHAPES_URL, MAP_HEIGHT, MAP_ZOOM, legend_below=True)
    return figure, chart_table(figure)


def _indicator_map(is_demo: bool) -> None:
    """The sidebar's indicator in the sidebar's year."""
    current = view()
    indicator = cache.indicators().set_index("indicator_id").loc[current.indicator]
    values = cache.indicator_values(current.indicator, current.period)
    title = f"{indicator['name']}, {current.period}" + (" — DEMO" if is_demo else "")
    about = of_values(values, is_demo)
    show_chart(world_choropleth(values, geo.load_country_shapes(), geo.load_small_states(), title, indicator["unit"],
                                indicator["higher_is_worse"], SHAPES_URL, MAP_HEIGHT, MAP_ZOOM, legend_below=True),
               "overview_map", about)
    provenance_caption(about)
