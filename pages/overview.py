"""Overview: a summary strip, the tier map beside the top-risk list, movers, reviews waiting, every tier, as-of."""

import streamlit as st

from r2p import geo
from r2p.engagement.analysis import unengaged
from r2p.figures.maps import SHAPES_URL, world_choropleth
from r2p.figures.tier_map import tier_choropleth
from r2p.provenance import of_scores, of_values
from r2p.read import overview, standings
from r2p.reviews import queue as review_queue
from r2p.ui import cache, engagement_data
from r2p.ui.banner import demo_banner, provenance_caption
from r2p.ui.downloads import show_chart
from r2p.ui.overview_summary import MAP_HEIGHT, MAP_ZOOM, show_summary
from r2p.ui.selection import method_selector
from r2p.ui.state import view
from r2p.ui.tier_tables import show_movers, show_reviews, show_sources, show_tier_table, show_top_risk
from r2p.ui.trigger_status import show_last_trigger_run
from r2p.vocabulary import INSUFFICIENT

current = view()
sources = cache.data_sources()
is_demo = bool(sources["is_demo"].any())
title_column, method_column = st.columns([3, 2], vertical_alignment="bottom")
title_column.title("Overview")
with method_column:  # the tier method (default R2P_TIER_METHOD); the sidebar's year when scored, else current
    chosen = method_selector(compact=True)
demo_banner(is_demo)
period = standings.pick_period(cache.scored_periods(chosen.label)["period"], current.period,
                               cache.current_period(chosen.label))
if period is None:
    st.info(f"{chosen.label} has no scores yet: load data with `r2p ingest`.")
    st.stop()
tiers = cache.tier_table(chosen.label, period)
movers = cache.tier_movers(chosen.label, period)
waiting = review_queue.pending(cache.review_list(review_queue.today()))
about = of_scores(chosen.label, sources, is_demo)

# The first screen: the summary strip, then the tier map beside the top-risk list
summary = overview.summarise(tiers, movers, review_queue.state_counts(waiting),
                             unengaged(engagement_data.registry(), tiers, review_queue.today()), about.as_of)
show_summary(summary, chosen.label, period - 1)
map_column, top_column = st.columns([3, 2])
with map_column:
    tier_tab, indicator_tab = st.tabs([f"Risk tiers ({chosen.label}, {period})", "Indicator map"])
with tier_tab:
    title = f"Model tiers ({chosen.label}), {period}" + (" — DEMO" if is_demo else "")
    show_chart(tier_choropleth(tiers, geo.load_country_shapes(), geo.load_small_states(), title,
                               SHAPES_URL, MAP_HEIGHT, MAP_ZOOM, legend_below=True), "overview_tier_map", about)
    st.caption(f"Grey: Insufficient data ({summary.tiers[INSUFFICIENT]}), never shown as Low. White: not scored.")
    provenance_caption(about)
with indicator_tab:
    indicator = cache.indicators().set_index("indicator_id").loc[current.indicator]
    values = cache.indicator_values(current.indicator, current.period)
    title = f"{indicator['name']}, {current.period}" + (" — DEMO" if is_demo else "")
    show_chart(world_choropleth(values, geo.load_country_shapes(), geo.load_small_states(), title, indicator["unit"],
                                indicator["higher_is_worse"], SHAPES_URL, MAP_HEIGHT, MAP_ZOOM, legend_below=True),
               "overview_map", of_values(values, is_demo))
    provenance_caption(of_values(values, is_demo))
with top_column:
    st.markdown(f"**Top risk, {period}** (highest {chosen.label} scores)")
    show_top_risk(tiers, chosen.label, key="overview_top_risk", height=MAP_HEIGHT + 40)

# What moved, and what waits for a decision
moved, waiting_column = st.columns(2)
with moved:
    st.subheader(f"Tier movers since {period - 1}")
    show_movers(movers, chosen.label, key="overview_movers", provenance=about)
with waiting_column:
    st.subheader("Reviews waiting for a decision")
    show_last_trigger_run()
    show_reviews(waiting, key="overview_reviews", compact=True, empty="No review is waiting.", provenance=about)
    st.page_link("pages/reviews.py", label="All reviews and decisions")

# Every country's tier (the rows `r2p tiers` prints), and how current each source is
st.subheader(f"All countries, {period} ({chosen.label})")
show_tier_table(tiers, chosen.label, key="overview_tiers", height=420, provenance=about)
st.subheader("Data as of")
show_sources(sources, key="overview_sources")
