"""Trends: several indicators for several countries, each country beside its UN sub-region's median."""

import streamlit as st

from r2p.figures.comparison_chart import comparison_chart
from r2p.provenance import of_rows
from r2p.read import comparison
from r2p.ui import cache
from r2p.ui.banner import demo_banner, provenance_caption
from r2p.ui.downloads import show_chart
from r2p.ui.selection import comparison_selector
from r2p.ui.state import view

current = view()
countries = cache.countries()
sources = cache.data_sources()
is_demo = bool(sources["is_demo"].any())

st.title("Trends")
demo_banner(is_demo)

# Filters: kept in the link as countries=SDN,MMR&indicators=a,b
chosen_countries, chosen_indicators = comparison_selector(countries, cache.indicators(), current)
if not chosen_countries or not chosen_indicators:
    st.info("Pick at least one country and one indicator.")
    st.stop()

# Data
series = cache.compare_series(tuple(chosen_indicators), tuple(chosen_countries))
if not comparison.holds_values(series):
    st.info("None of the chosen countries has data for the chosen indicators.")
    st.stop()

# Small multiples: one panel per indicator, one line per country, dotted sub-region medians
title = "Countries beside their UN sub-region's median" + (" — DEMO" if is_demo else "")
figure = comparison_chart(series, chosen_countries, chosen_indicators, title)
show_chart(figure, "trend_chart", of_rows(series, sources, is_demo))
provenance_caption(of_rows(series, sources, is_demo))
