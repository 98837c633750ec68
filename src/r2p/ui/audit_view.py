"""The audit page's parts: filters, the chain status line, and the table with its CSV/XLSX downloads."""

from __future__ import annotations

from datetime import UTC, date, datetime

import streamlit as st

from r2p.provenance import Provenance
from r2p.read.audit_trail import (
    READER,
    AuditFilter,
    audit_entries,
    chain_status,
)
from r2p.ui.cache import cached
from r2p.ui.downloads import table_downloads
from r2p.warehouse import Warehouse

ANY = "Any"
chain_broken = cached("audit_chain_broken")  # re-verified whenever a write swaps in a new warehouse version
facets = cached("audit_facets")
row_count = cached("audit_row_count")


def refused_notice(role_label: str) -> None:
    st.info(f"The audit log is shown to editors and admins: sign in as {READER.label} (or above); "
            f"you are {role_label}.")


def chain_line() -> None:
    """Whether every row still matches its hash: green when intact, red naming the rows that are not."""
    broken = chain_broken()
    line = chain_status(broken, row_count())
    (st.error if broken else st.success)(line, icon=":material/gpp_bad:" if broken else ":material/verified:")


def audit_filters() -> AuditFilter:
    """Date range, who, action, entity and a search box; each left at its default matches everything."""
    offered = facets()
    dates, who, action, entity, text = st.columns([2, 2, 1, 1, 2])
    picked = dates.date_input("Dates (UTC)", value=(), key="audit_dates", format="YYYY-MM-DD",
                              help="Pick a start and an end day (both included); leave empty for all.")
    since, until = _range(picked)
    return AuditFilter(
        since=since, until=until,
        who=_chosen(who.selectbox("Who", [ANY, *offered["who"]], key="audit_who")),
        action=_chosen(action.selectbox("Action", [ANY, *offered["action"]], key="audit_action")),
        entity=_chosen(entity.selectbox("Entity", [ANY, *offered["entity"]], key="audit_entity")),
        text=text.text_input("Entity id or value contains", key="audit_text", max_chars=200) or None,
    )


def show_entries(chosen: AuditFilter) -> None:
    """The matching rows, newest first, and CSV/XLSX of exactly those rows."""
    try:
        entries = audit_entries(Warehouse.default(), chosen)
    except ValueError as error:
        st.warning(str(error))
        return
    st.caption(f"{len(entries)} row(s) match; newest first. Times are UTC.")
    st.dataframe(entries, hide_index=True, width="stretch", key="audit_table", column_config={
        "audit_id": st.column_config.NumberColumn("Row", format="#%d"),
        "logged_at": st.column_config.DatetimeColumn("When (UTC)", format="YYYY-MM-DD HH:mm:ss"),
        "actor": "Who", "action": "Action", "entity": "Entity", "entity_id": "Entity id",
        "before": st.column_config.TextColumn("Before", width="large"),
        "after": st.column_config.TextColumn("After", width="large")})
    about = Provenance("R2P Watch audit log", datetime.now(UTC).replace(tzinfo=None))
    table_downloads(entries, "audit_table", "Audit log", about, chosen.described())


def _range(picked: object) -> tuple[date | None, date | None]:
    # NOTE: while a range is being picked the widget holds one day; until then filter from that day on.
    days = list(picked) if isinstance(picked, (tuple, list)) else [picked] if isinstance(picked, date) else []
    return (days[0] if days else None), (days[1] if len(days) > 1 else None)


def _chosen(value: str | None) -> str | None:
    return None if value in (None, ANY) else value


