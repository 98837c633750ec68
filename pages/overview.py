"""Overview: risk tiers on a world map, the tier movers, reviews waiting, the top-risk table and data as-of."""

import streamlit as st

from r2p import geo
from r2p.figures.maps import SHAPES_URL, world_choropleth
from r2p.figures.tier_map import tier_choropleth
from r2p.provenance import of_scores, of_values
from r2p.read import standings
from r2p.reviews import queue as review_queue
from r2p.ui import cache
from r2p.ui.banner import demo_banner, provenance_caption
from r2p.ui.downloads import show_chart
from r2p.ui.selection import method_selector
from r2p.ui.state import view
from r2p.ui.tier_tables import show_movers, show_reviews, show_sources, show_tier_table
from r2p.vocabulary import INSUFFICIENT

current = view()
st.title("Overview")
sources = cache.data_sources()
is_demo = bool(sources["is_demo"].any())
demo_banner(is_demo)

# Filters: the tier method (default R2P_TIER_METHOD); the sidebar's year when it was scored, else the current one
chosen = method_selector()
period = standings.pick_period(cache.scored_periods(chosen.label)["period"], current.period,
                               cache.current_period(chosen.label))
if period is None:
    st.info(f"{chosen.label} has no scores yet: load data with `r2p ingest`.")
    st.stop()
tiers = cache.tier_table(chosen.label, period)
movers = cache.tier_movers(chosen.label, period)
waiting = review_queue.pending(cache.review_list(review_queue.today()))
indicator = cache.indicators().set_index("indicator_id").loc[current.indicator]
values = cache.indicator_values(current.indicator, current.period)
about = of_scores(chosen.label, sources, is_demo)

# Maps: tiers by default, the sidebar's indicator beside them
tier_tab, indicator_tab = st.tabs([f"Risk tiers ({chosen.label}, {period})", "Indicator map"])
with tier_tab:
    title = f"Model tiers, {chosen.name} ({chosen.label}), {period}" + (" — DEMO" if is_demo else "")
    show_chart(tier_choropleth(tiers, geo.load_country_shapes(), geo.load_small_states(), title,
                               geojson_url=SHAPES_URL), "overview_tier_map", about)
    st.caption(f"Grey: Insufficient data ({standings.tier_counts(tiers)[INSUFFICIENT]}), never shown as Low. "
               "White: not scored.")
    provenance_caption(about)
with indicator_tab:
    title = f"{indicator['name']}, {current.period}" + (" — DEMO" if is_demo else "")
    figure = world_choropleth(values, geo.load_country_shapes(), geo.load_small_states(), title,
                              indicator["unit"], bool(indicator["higher_is_worse"]), geojson_url=SHAPES_URL)
    show_chart(figure, "overview_map", of_values(values, is_demo))
    provenance_caption(of_values(values, is_demo))

# What moved, and what waits for a decision
moved, waiting_column = st.columns(2)
with moved:
    st.subheader(f"Tier movers since {period - 1}")
    st.caption(f"{len(movers)} countries changed model tier ({chosen.label}).")
    show_movers(movers, chosen.label, key="overview_movers", provenance=about)
with waiting_column:
    st.subheader("Reviews waiting for a decision")
    counts = review_queue.state_counts(waiting)
    if counts["overdue"]:
        st.error(f"**{counts['overdue']} overdue** · {counts['open']} open")
    else:
        st.caption(f"{counts['open']} open, none overdue.")
    show_reviews(waiting, key="overview_reviews", compact=True, empty="No review is waiting.", provenance=about)
    st.page_link("pages/reviews.py", label="All reviews and decisions")

# Top risk: the rows `r2p tiers` prints
st.subheader(f"Top risk, {period} ({chosen.label})")
show_tier_table(tiers, chosen.label, key="overview_tiers", height=420, provenance=about)

# Data as of
st.subheader("Data as of")
show_sources(sources, key="overview_sources")
