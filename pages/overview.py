"""Overview: the chosen indicator on a world map, and the countries that score worst on it."""

import streamlit as st

from r2p import geo
from r2p.ui import cache
from r2p.ui.banner import demo_banner, provenance
from r2p.ui.maps import world_choropleth
from r2p.ui.state import view

current = view()
indicator = cache.indicators().set_index("indicator_id").loc[current.indicator]
values = cache.indicator_values(current.indicator, current.period)
is_demo = bool(values["is_demo"].any())

st.title("Overview")
demo_banner(is_demo)

# Map
title = f"{indicator['name']}, {current.period}" + (" — DEMO" if is_demo else "")
figure = world_choropleth(values, geo.load_country_shapes(), geo.load_small_states(), title,
                          indicator["unit"], bool(indicator["higher_is_worse"]))
st.plotly_chart(figure, width="stretch", config={"displaylogo": False}, key="overview_map")
provenance(", ".join(values["source_name"].unique()) or "no data", values["as_of"].max() if len(values) else None,
           is_demo)

# Worst first
st.subheader("Worst first: highest values" if indicator["higher_is_worse"] else "Worst first: lowest values")
ranked = values.sort_values("value", ascending=not indicator["higher_is_worse"]).head(20)
st.dataframe(ranked[["name", "iso3", "un_region", "value"]], hide_index=True, width="stretch")
