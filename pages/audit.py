"""Audit log: every write with who, when, what, and the value before and after; filterable and exportable."""

import streamlit as st

from r2p.read.audit_trail import may_read
from r2p.ui import cache
from r2p.ui.audit_view import audit_filters, chain_line, refused_notice, show_entries
from r2p.ui.banner import demo_banner
from r2p.ui.sign_in import current_user

st.title("Audit log")
demo_banner(bool(cache.data_sources()["is_demo"].any()))
user = current_user()
if not may_read(user):
    refused_notice(user.role.label if user.via != "anonymous" else "not signed in")
    st.stop()

# Is the log intact? Each row's hash covers the row before it, so an edit or removal shows here
chain_line()

# Filters, then the matching rows with their downloads
chosen = audit_filters()
show_entries(chosen)
