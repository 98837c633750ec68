"""Engagement: which UN bodies, US offices and regional organisations are engaged on each situation — gaps first."""

import streamlit as st

from r2p.provenance import Provenance
from r2p.ui import cache, decision_points_view, tier_tables
from r2p.ui import engagement_data as data
from r2p.ui.banner import demo_banner
from r2p.ui.downloads import REGISTRY_SOURCE, chart_downloads, table_downloads
from r2p.ui.engagement_editor import render_editor
from r2p.ui.engagement_widgets import (
    actor_section,
    engagements_of,
    filter_controls,
    gaps_section,
    invitee_table,
    registry_caption,
    situation_header,
)
from r2p.ui.sign_in import current_user
from r2p.ui.state import tier_method, view

registry = data.registry()
version = tier_method().label  # the view's method: the link's, or the one chosen on another page
tiers = data.tiers(version)
is_demo = bool(cache.data_sources()["is_demo"].any())

st.title("Engagement")
demo_banner(is_demo)
if registry.actors.empty:
    st.info("The actor registry is not loaded yet: run `r2p init`. Nothing here is a finding of 'no engagement'.")
    st.stop()
registry_caption(registry, is_demo)

# Filters
chosen, months = filter_controls()
ranked = data.ranked(version)

# Gaps first
gaps_section(registry, tiers, chosen.as_of, months, version)
decision_points_view.show_decision_points(None)

# The map: matrix and network
title = f"Engagements active on {chosen.as_of}" + (" — tiers from DEMO data" if is_demo else "")
matrix_tab, network_tab = st.tabs(["Matrix", "Network"])
figures = data.map_figures(chosen, version, title)
matrix_tab.plotly_chart(figures["Matrix"], width="stretch", key="engagement_matrix")
network_tab.plotly_chart(figures["Network"], width="stretch", key="engagement_network")
about = Provenance(REGISTRY_SOURCE, chosen.as_of, version, is_demo)
chart_downloads(figures, "engagement_map", about)

# One situation (the chosen country's, when it has one) and who to invite
st.subheader("Situation")
options = data.situation_options(view().country)
situation_id = st.selectbox("Situation", list(options), format_func=options.__getitem__,
                            key=f"engagement_situation_{view().country}")
situation_header(registry, situation_id, ranked.set_index("situation_id").at[situation_id, "tier"])
engaged = engagements_of("situation_id", situation_id, chosen.as_of)
tier_tables.show_table(engaged, "engagement_situation_table")
narrowed = {"situation": options[situation_id], "as of": chosen.as_of}
table_downloads(engaged, "engagement_situation", f"Engagements on {options[situation_id]}", about, narrowed)
st.markdown(f"**Suggested invitees** (as of {chosen.as_of})")
invitees = invitee_table(data.invitees(version, situation_id, chosen.as_of))
tier_tables.show_table(invitees, "engagement_invitees")
table_downloads(invitees, "engagement_invitees", f"Suggested invitees: {options[situation_id]}", about, narrowed)

# One actor
st.subheader("Actor")
actor_section(registry, chosen.as_of)

# Editing (editors and admins)
render_editor(registry, current_user(), chosen.as_of)
