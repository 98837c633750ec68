"""Trends: the chosen indicator for the chosen country beside its region's median."""

import streamlit as st

from r2p.ui import cache
from r2p.ui.banner import demo_banner, provenance
from r2p.ui.charts import series_with_region
from r2p.ui.state import view

current = view()
country = cache.countries().set_index("iso3").loc[current.country]
indicator = cache.indicators().set_index("indicator_id").loc[current.indicator]
series = cache.indicator_series(current.indicator, current.country)
is_demo = bool(series["is_demo"].any())

st.title("Trends")
demo_banner(is_demo)

# Country against its region
title = f"{indicator['name']} — {country['name']} and {country['un_subregion']}" + (" — DEMO" if is_demo else "")
st.plotly_chart(series_with_region(series, title, country["name"], country["un_subregion"]), width="stretch",
                key="trend_chart")
provenance(indicator["source_id"], series["period"].max(), is_demo)
