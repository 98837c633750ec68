"""The Country page's charts, each built once per warehouse version and keyed by what it shows (country, method,
year, picked indicators), not by the frames it draws: a rerun (any click on the page) rebuilt identical figures
from the same cached reads, and hashing the frames to key them cost nearly as much."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from r2p.figures.indicator_panels import indicator_panels
from r2p.figures.tier_charts import contribution_chart, tier_history_chart
from r2p.provenance import Provenance, of_rows
from r2p.read import profile
from r2p.tiers.method import TierMethod, method
from r2p.ui import cache
from r2p.ui.banner import provenance_caption
from r2p.ui.chart_text import chart_table
from r2p.ui.downloads import show_chart
from r2p.ui.plain import plain_markdown

TRENDS_SHOWN = "country_trends_shown"  # the expander holding the indicator trends; True once opened
Charted = tuple[go.Figure, pd.DataFrame]  # a figure and its data as a table (r2p.ui.chart_text.chart_table)


def show_tier_chart(iso3: str, country: str, label: str, title: str, provenance: Provenance) -> None:
    """The model tier (method `label`) and the assessed tier over time, with the score against the thresholds; a
    sentence instead of an empty chart when the country has neither (an empty warehouse, an unscored country)."""
    history = cache.tier_history(iso3, label)
    if not (history["tier"].notna().any() or history["assessed_tier"].notna().any()):
        st.info(f"No tier history to draw: this warehouse holds no {plain_markdown(label)} tier for "
                f"{plain_markdown(country)} and no analyst's assessed tier.")
        return
    figure, table = cache.built(_tier_chart, iso3, label, title)
    show_chart(figure, "country_tier_history", provenance, table=table)


def show_parts_chart(iso3: str, label: str, period: int, provenance: Provenance) -> None:
    """What makes up `period`'s score under method `label`; nothing when the score has no parts to show."""
    figure, table = cache.built(_parts_chart, iso3, label, period)
    if figure is not None:
        show_chart(figure, "country_contributions", provenance, table=table)


def show_indicator_trends(iso3: str, country: str, chosen: TierMethod, names: dict[str, str], sources: pd.DataFrame,
                          is_demo: bool) -> None:
    """Heading, and in an expander drawn once opened (opening reruns the page): the indicator picker (the method's
    indicators held for the country by default), the small multiples and their source line."""
    st.subheader("Indicator trends")
    # NOTE: one small chart per indicator, each with its own axes: the heaviest figure on the page for the browser
    # (about a second of a software-rendering browser's time), so it is drawn when asked for, as the data tables are.
    trends = st.expander("The indicators over time, one small chart each", key=TRENDS_SHOWN, on_change="rerun")
    if not trends.open:
        return
    with trends:
        series = cache.country_series(iso3)
        picked = st.multiselect("Indicators", list(dict.fromkeys(series["indicator_id"])), key="country_indicators",
                                default=profile.default_indicators(series, chosen), format_func=names.get)
        shown = profile.picked_series(series, picked)
        if shown.empty:
            st.info("No indicator data is held for this country, or none is picked.")
            return
        title = f"Indicator trends, {country}" + (" — DEMO" if is_demo else "")
        figure, table = cache.built(_trends_chart, iso3, tuple(picked), title)
        show_chart(figure, "country_trends", of_rows(shown, sources, is_demo), table=table)
        provenance_caption(of_rows(shown, sources, is_demo))


def _tier_chart(iso3: str, label: str, title: str) -> Charted:
    return _with_table(tier_history_chart(cache.tier_history(iso3, label), label, method(label).thresholds, title))


def _parts_chart(iso3: str, label: str, period: int) -> Charted | tuple[None, None]:
    row = profile.period_row(cache.tier_history(iso3, label), period)
    kind, parts = profile.score_parts(row, _indicator_names())
    if not len(parts):
        return None, None
    return _with_table(contribution_chart(parts, f"What makes up the {period} score: {kind} ({label})",
                                          profile.parts_scale(row, method(label))))


def _trends_chart(iso3: str, picked: tuple[str, ...], title: str) -> Charted:
    return _with_table(indicator_panels(profile.picked_series(cache.country_series(iso3), list(picked)), title))


def _with_table(figure: go.Figure) -> Charted:
    return figure, chart_table(figure)


def _indicator_names() -> dict[str, str]:
    return cache.indicators().set_index("indicator_id")["name"].to_dict()
