"""The "Next decision points" section: the UN decision calendar for one country (or all), with sources."""

from __future__ import annotations

from datetime import date

import pandas as pd
import streamlit as st

from r2p.convening.calendar import DecisionPoint, decision_points
from r2p.provenance import Provenance
from r2p.ui.downloads import table_downloads
from r2p.ui.tier_tables import show_list

SHOWN = 8
RECENT = 3
CALENDAR = Provenance("UN decision calendar shipped with R2P Watch (each row cites its source)")


def show_decision_points(iso3: str | None) -> None:
    """The next decision points from today (for a country, with the Council sessions that concern all); when none
    is held, the most recent ones, saying that their outcome is not recorded here."""
    st.subheader("Next decision points")
    today = date.today()
    key = iso3 or "all"
    upcoming = decision_points(iso3, after=today, limit=SHOWN)
    if upcoming:
        _table(upcoming, f"decision_points_{key}")
        st.caption("Dates as set by the cited document; a renewal adopted later may move them. "
                   "`r2p calendar --format ics` exports them for Outlook.")
        return
    held = decision_points(iso3)
    where = f" for {iso3}" if iso3 else ""
    st.info(f"No UN decision point after {today:%d %B %Y} is held{where}. The calendar records only dates set by a "
            "cited resolution or announcement; a renewal adopted since is not assumed.")
    if held:
        st.caption(f"The most recent decision points held{where} (their outcome is not recorded here):")
        _table(held[-RECENT:], f"decision_points_recent_{key}")


def _table(points: tuple[DecisionPoint, ...], key: str) -> None:
    """The points as an HTML table (a grid's ~1.5 MB of script for eight rows held the Country page up), each
    source a link, with the same rows as CSV and XLSX."""
    table = decision_table(points)
    show_list(table.assign(Date=table["Date"].map("{:%Y-%m-%d}".format)), numeric=("Date",), links=("Source",))
    table_downloads(table, key, "UN decision points", CALENDAR)


def decision_table(points: tuple[DecisionPoint, ...]) -> pd.DataFrame:
    """Date, kind, title, the countries concerned ("all" for every situation) and the source of each point."""
    return pd.DataFrame([{"Date": p.date, "Kind": p.kind_label, "Decision point": p.title,
                          "Countries": ", ".join(p.iso3s) or "all", "Source": p.source_url} for p in points])
