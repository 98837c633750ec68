"""Data & methods: sources with coverage and staleness, rejected rows, blind spots, tier methods and the backtest."""

from dataclasses import replace
from datetime import date

import streamlit as st

from r2p.catalog import RISK_FACTORS
from r2p.provenance import Provenance
from r2p.tiers.method import methods
from r2p.ui import cache
from r2p.ui.banner import demo_banner
from r2p.ui.downloads import table_downloads
from r2p.ui.methods_view import evaluation_section, method_card
from r2p.ui.release_record_view import release_record_section
from r2p.ui.tier_tables import show_table
from r2p.ui.track_record_view import track_record_section

coverage = cache.source_coverage(date.today().year)
is_demo = bool(coverage["is_demo"].any())
demo_banner(is_demo)
st.title("Data & methods")
about = Provenance(", ".join(coverage["name"]), coverage["as_of"].max(), "", is_demo)

# Sources, coverage and staleness
st.subheader("Sources")
show_table(coverage, "sources", "Sources: coverage and staleness", about)
for row in coverage[coverage["stale"]].itertuples():
    st.warning(f"{row.name}: newest data is from {row.last_year} — stale.")
citations = cache.data_sources()[["name", "publisher", "citation"]]
show_table(citations, "citations", "Sources: publishers and citations", about)

# Risk factors without data
st.subheader("UN Framework risk factors")
factors = cache.risk_factor_coverage().assign(factor_name=lambda f: f["factor"].map(RISK_FACTORS))
blind = factors[factors["indicators"] == 0]
if len(blind):
    st.warning(f"{len(blind)} of 14 risk factors have no data: "
               + "; ".join(f"{row.factor}. {row.factor_name}" for row in blind.itertuples()))
factor_table = factors[["factor", "factor_name", "indicators", "indicator_names"]]
show_table(factor_table, "factors", "UN Framework risk factors with data", about)

# Tier methods and backtest
st.subheader("Tier methods")
for method in methods():
    method_card(method)
st.subheader("How each method would have done: scored against EWP's published record")
evaluated = evaluation_section(cache.evaluation(), is_demo)
if len(evaluated):
    table_downloads(evaluated, "evaluation", "Tier methods scored against EWP's out-of-sample forecasts",
                    replace(about, method_version=", ".join(m.label for m in methods())))
st.subheader("What each EWP release said")
release_record_section(cache.release_lists())
track_record_section(is_demo)

# Loads and rejected rows
st.subheader("Loads")
show_table(cache.ingests(), "loads", "Loads", about)
st.subheader("Rows left out of accepted loads")
rejected = cache.rejected_rows()
if len(rejected):
    show_table(rejected, "rejected", "Rows left out of accepted loads", about)
else:
    st.caption("None.")
st.subheader("Indicators with data")
show_table(cache.indicators(), "indicators", "Indicators with data", about)
