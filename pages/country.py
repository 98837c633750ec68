"""Country: every indicator held for the chosen country, as small multiples."""

import streamlit as st

from r2p.ui import cache
from r2p.ui.banner import demo_banner, provenance
from r2p.ui.charts import small_multiples
from r2p.ui.state import view

current = view()
names = cache.countries().set_index("iso3")["name"]
series = cache.country_series(current.country)
is_demo = bool(series["is_demo"].any())

st.title(f"{names[current.country]} ({current.country})")
demo_banner(is_demo)

# Indicator trends
if series.empty:
    st.info("No indicator data is held for this country.")
else:
    st.plotly_chart(small_multiples(series), width="stretch", key="country_trends")
    provenance(", ".join(series["source_name"].unique()), series["period"].max(), is_demo)
