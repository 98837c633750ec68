"""Overview: a summary strip, the tier map beside the top-risk list, movers, reviews waiting, every tier, as-of."""

import streamlit as st

from r2p.provenance import of_scores
from r2p.read import overview, standings
from r2p.read.overview import GAP_MONTHS
from r2p.reviews import queue as review_queue
from r2p.ui import cache
from r2p.ui.banner import demo_banner
from r2p.ui.overview_map import show_overview_map
from r2p.ui.overview_summary import TOP_RISK_ROWS, show_summary
from r2p.ui.overview_tables import show_below_the_fold
from r2p.ui.selection import method_selector
from r2p.ui.state import view
from r2p.ui.tier_tables import show_movers, show_top_risk, show_waiting_reviews
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
                             cache.engagement_gaps(chosen.label, period, review_queue.today(), GAP_MONTHS)[0],
                             about.as_of)  # the Engagement page's first gap list, as that page opens: one read
show_summary(summary, chosen.label, period - 1)
map_column, top_column = st.columns([3, 2])
with map_column:  # the tier map, or the indicator map when chosen: only the chosen one is built
    show_overview_map(chosen.label, period, summary.tiers[INSUFFICIENT], about)
with top_column:
    st.markdown(f"**Top risk, {period}** (highest {chosen.label} scores)")
    show_top_risk(tiers, chosen.label, rows=TOP_RISK_ROWS)

# What moved, and what waits for a decision
moved, waiting_column = st.columns(2)
with moved:
    st.subheader(f"Tier movers since {period - 1}")
    show_movers(movers, chosen.label, key="overview_movers", provenance=about)
with waiting_column:
    st.subheader("Reviews waiting for a decision")
    show_last_trigger_run()
    show_waiting_reviews(waiting, key="overview_reviews", provenance=about)
    st.page_link("pages/reviews.py", label="All reviews and decisions")

# Below the fold, drawn when opened: every country's tier (the rows `r2p tiers` prints), each source's as-of date
show_below_the_fold(tiers, sources, chosen.label, period, about)
