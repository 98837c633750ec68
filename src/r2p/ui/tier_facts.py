"""The facts beside a country's tier: model tier with its method version, score, reliability, assessed tier."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from r2p.catalog import indicators
from r2p.read import profile
from r2p.tiers.method import TierMethod
from r2p.ui.plain import plain_markdown


def show_tier_facts(row: pd.Series | None, method: TierMethod, period: int, reason: str | None) -> None:
    """Five metrics for one period; the assessed tier sits beside the model's and never replaces it."""
    model, assessed, score, coverage, stale = _values(row)
    columns = st.columns(5)
    columns[0].metric(f"Model tier ({method.label}, {period})", model)
    columns[1].metric("Score", "—" if score is None else f"{score:.3g}")
    columns[2].metric("Reliability (coverage)", "—" if coverage is None else f"{coverage:.0%}",
                      help="Weighted share of the method's indicators with a recent value.")
    columns[3].metric("Stale share", "—" if stale is None else f"{stale:.0%}",
                      help=f"Weighted share of values carried forward (at most {method.stale_after_years} years).")
    columns[4].metric("Assessed tier (analyst)", assessed, help=_assessment_help(row))
    for flag, value in profile.score_flags(row).items():
        said = "yes" if value >= 1 else "no"
        st.info(f"**{_name(flag)}** ({period}): {said} — shown beside the tier, not counted in this situation "
                "profile's score.")
    if reason:
        st.warning(f"Why the tier is {model}: {reason}")


def _values(row: pd.Series | None) -> tuple[str, str, float | None, float | None, float | None]:
    if row is None:
        return "not scored", "none", None, None, None
    number = {k: (None if pd.isna(row[k]) else float(row[k])) for k in ("score", "coverage", "stale_share")}
    model = "not scored" if pd.isna(row["tier"]) else str(row["tier"])
    assessed = "none" if pd.isna(row["assessed_tier"]) else str(row["assessed_tier"])
    return model, assessed, number["score"], number["coverage"], number["stale_share"]


def _name(indicator_id: str) -> str:
    return next((i.name for i in indicators() if i.id == indicator_id), indicator_id)


def _assessment_help(row: pd.Series | None) -> str | None:
    if row is None or pd.isna(row["assessed_tier"]):
        return "No analyst has assessed this period."
    # NOTE: the tooltip is Markdown; the rationale is the analyst's own text, so it is escaped.
    return plain_markdown(f"By {row['assessed_by']} on {str(row['assessed_at'])[:10]}: {row['assessed_rationale']}")
