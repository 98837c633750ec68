"""Tables the tier and review pages share: tiers coloured as on the map, overdue reviews standing out."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from r2p.figures.tier_style import tier_cell_style
from r2p.provenance import Provenance
from r2p.ui.downloads import table_downloads

OVERDUE_STYLE = "background-color: #fff3cd; color: #7a1d00; font-weight: 600"
ARROWS = {"up": "▲ riskier", "down": "▼ less risky", "changed": "◆ changed"}
DATE_FORMATS = {"due_date": "{:%Y-%m-%d}", "decided_at": "{:%Y-%m-%d %H:%M}"}
_PERCENT = {"coverage": "Reliability", "stale_share": "Stale share"}


def show_tier_table(tiers: pd.DataFrame, method_label: str, key: str, height: int | None = None,
                    provenance: Provenance | None = None) -> None:
    """The rows `r2p tiers` prints: iso3, name, score, model tier, reliability, stale share, assessed tier."""
    columns = ["iso3", "name", "score", "tier", "coverage", "stale_share", "assessed_tier", "assessed_by"]
    styled = tiers[columns].style.map(tier_cell_style, subset=["tier", "assessed_tier"])
    config = {"name": "Country", "score": st.column_config.NumberColumn("Score", format="%.3f"),
              "tier": f"Model tier ({method_label})", "assessed_tier": "Assessed tier (analyst)",
              "assessed_by": "Assessed by", **_percent_columns()}
    st.dataframe(styled, hide_index=True, width="stretch", key=key, height=height or "auto", placeholder="—",
                 column_config=config)
    if provenance:
        table_downloads(tiers[columns], key, f"Risk tiers ({method_label})", provenance)


def show_movers(movers: pd.DataFrame, method_label: str, key: str, provenance: Provenance | None = None) -> None:
    """Countries whose model tier changed: direction, from → to."""
    shown = movers.assign(move=movers["direction"].map(ARROWS))[["move", "iso3", "name", "from_tier", "to_tier",
                                                                  "from_score", "to_score"]]
    styled = shown.style.map(tier_cell_style, subset=["from_tier", "to_tier"])
    st.dataframe(styled, hide_index=True, width="stretch", key=key, column_config={
        "move": "Move", "name": "Country", "from_tier": f"From ({method_label})", "to_tier": f"To ({method_label})",
        "from_score": st.column_config.NumberColumn("Score before", format="%.3f"),
        "to_score": st.column_config.NumberColumn("Score now", format="%.3f")})
    if provenance:
        table_downloads(shown, key, f"Tier movers ({method_label})", provenance)


def show_reviews(reviews: pd.DataFrame, key: str, compact: bool = False, empty: str = "No reviews.",
                 provenance: Provenance | None = None) -> None:
    """Reviews in queue order with overdue rows highlighted; decided ones say who decided, when and why."""
    if reviews.empty:
        st.caption(empty)
        return
    columns = ["state", "review_id", "name", "rule_id", "due_date"]
    columns += [] if compact else ["iso3", "owner", "evidence", "method_version", "decision", "decided_by",
                                   "decided_at", "rationale"]
    # NOTE: a Styler's display text wins over column_config formats, so dates are formatted here.
    formats = {column: text for column, text in DATE_FORMATS.items() if column in columns}
    styled = reviews[columns].style.apply(_overdue_rows, axis=1).format(formats, na_rep="—")
    st.dataframe(styled, hide_index=True, width="stretch", key=key, placeholder="—", column_config={
        "state": "State", "review_id": st.column_config.NumberColumn("Review", format="#%d"), "name": "Country",
        "rule_id": "Rule", "due_date": st.column_config.DateColumn("Due"), "owner": "Owner",
        "evidence": st.column_config.TextColumn("Evidence", width="large"), "method_version": "Tier method",
        "decision": "Decision",
        "decided_by": "Decided by",
        "decided_at": st.column_config.DatetimeColumn("Decided at", format="YYYY-MM-DD HH:mm"),
        "rationale": st.column_config.TextColumn("Why", width="large")})
    if provenance:
        table_downloads(reviews[columns], key, "Reviews", provenance)


def show_sources(sources: pd.DataFrame, key: str) -> None:
    """Per source: as-of date of the data, when it was last loaded, whether it is demo data."""
    st.dataframe(sources[["name", "as_of", "last_load", "observations", "events", "is_demo"]], hide_index=True,
                 width="stretch", key=key, column_config={
                     "name": "Source", "as_of": st.column_config.DateColumn("Data as of"),
                     "last_load": st.column_config.DatetimeColumn("Loaded (UTC)", format="YYYY-MM-DD HH:mm"),
                     "observations": "Observations", "events": "Events",
                     "is_demo": st.column_config.CheckboxColumn("Demo")})


def _overdue_rows(row: pd.Series) -> list[str]:
    return [OVERDUE_STYLE if row["state"] == "overdue" else ""] * len(row)


def _percent_columns() -> dict[str, object]:
    # NumberColumn's "percent" format multiplies shares by 100.
    return {column: st.column_config.NumberColumn(label, format="percent") for column, label in _PERCENT.items()}

