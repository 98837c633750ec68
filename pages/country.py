"""Country: model tier beside the assessed tier over time, what drives the score, events, indicators, reviews."""

import streamlit as st

from r2p.provenance import of_scores
from r2p.read import profile
from r2p.reviews import queue as review_queue
from r2p.ui import cache, judgements_view, worksheet_view
from r2p.ui.banner import demo_banner
from r2p.ui.country_charts import show_indicator_trends, show_parts_chart, show_tier_chart
from r2p.ui.country_events import show_recent_events
from r2p.ui.country_notes import show_country_notes
from r2p.ui.decision_points_view import show_decision_points
from r2p.ui.forms import assessment_form, show_saved
from r2p.ui.selection import method_selector
from r2p.ui.sign_in import current_user
from r2p.ui.state import view
from r2p.ui.surges_view import show_subnational_surges
from r2p.ui.tier_facts import show_tier_facts
from r2p.ui.tier_tables import show_reviews

current = view()
name = cache.countries().set_index("iso3")["name"][current.country]
sources = cache.data_sources()
is_demo = bool(sources["is_demo"].any())
st.title(f"{name} ({current.country})")
demo_banner(is_demo)
show_saved()

# Filters and data: the tier method; the year from the sidebar when it was scored, else the method's current one
chosen = method_selector()
history = cache.tier_history(current.country, chosen.label)
period = profile.shown_period(history, current.period, cache.current_period(chosen.label))
row = profile.period_row(history, period)
indicator_names = cache.indicators().set_index("indicator_id")["name"].to_dict()
about = of_scores(chosen.label, sources, is_demo)

# Model tier and assessed tier over time
st.subheader(f"Risk tier, {period}")
show_tier_facts(row, chosen, period, profile.insufficiency_reason(row, chosen, indicator_names))
title = f"Model tier ({chosen.label}) and assessed tier, {name}" + (" — DEMO" if is_demo else "")
show_tier_chart(current.country, name, chosen.label, title, about)

# What makes up the score
show_parts_chart(current.country, chosen.label, period, about)

# What is happening: the 12 months to the country's last event in the chosen year (or before), surge areas
show_recent_events(current.country, name, period, is_demo)
show_subnational_surges(current.country, name)

# Indicator trends: the small multiples, drawn once asked for
show_indicator_trends(current.country, name, chosen, indicator_names, sources, is_demo)

show_decision_points(current.country)

# Key judgements, scenarios and actors, analysts' notes (plain text), reviews and the analyst's assessment
judgements_view.show_judgements(current.country, name)
worksheet_view.show_worksheet(current.country, name)
show_country_notes(current.country, name)
st.subheader("Reviews")
show_reviews(review_queue.filter_reviews(cache.review_list(review_queue.today()), iso3=current.country),
             key="country_reviews", empty=f"No review has been opened for {name}.", provenance=about, grid=False)
assessment_form(current.country, period, None if row is None else row["tier"], chosen.label, current_user())
