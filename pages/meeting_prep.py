"""Meeting prep: one situation's briefing — what to know, what changed, who to invite, what needs deciding —
previewed here and packed as PDF or PPTX for the convenor."""

import streamlit as st

from r2p.exports.sections import cover_lines
from r2p.reviews import queue as review_queue
from r2p.ui import cache, meeting_preview
from r2p.ui.banner import demo_banner
from r2p.ui.downloads import (
    briefing,
    briefing_preview,
    cover_box,
    pack_downloads,
    pack_unavailable,
    permalink_box,
    prewarm_renderer,
    since_picker,
)
from r2p.ui.options_view import show_options
from r2p.ui.selection import method_selector
from r2p.ui.state import set_view, view
from r2p.warehouse import Warehouse

prewarm_renderer()  # Chromium starts while the page is read, so the first download does not wait for it
current = view()
names = cache.countries().set_index("iso3")["name"]
st.title("Meeting prep")
demo_banner(bool(cache.data_sources()["is_demo"].any()))

# Situation, date and tier method: the situation is the shared view's country (sidebar and link follow it)
today = review_queue.today()
situation_column, since_column, method_column = st.columns([2, 1, 1])
st.session_state["meeting_country"] = current.country
situation_column.selectbox("Situation", list(names.index), key="meeting_country",
                           format_func=lambda code: f"{names[code]} ({code})",
                           on_change=lambda: set_view(country=st.session_state["meeting_country"]))
with since_column:
    since = since_picker(today)
with method_column:
    chosen = method_selector()
show_options(current.country, names[current.country])

# The briefing, its charts and its sections: exactly what the pack prints
brief = briefing(current.country, since, chosen.label, today)
shown = meeting_preview.preview(current.country, since, chosen.label, today, brief.generated_at)

# The pack: one click per format, built on the server when clicked
st.subheader(f"Briefing pack: {brief.title}")
link = permalink_box("meeting_prep")
# the link is in the box above (the pack prints it on page 1); the marking goes on every page, said here once
cover_box((*cover_lines(brief), f"Handling marking: {brief.marking}"))
if not pack_unavailable():  # without Chromium the page says so here rather than offer buttons that fail
    pack_downloads(Warehouse.default().location, brief, link)

# Preview
briefing_preview(shown.sections, shown.charts, shown.tables)
