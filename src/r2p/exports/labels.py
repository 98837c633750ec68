"""Words every export prints the same way: the DEMO note, dates, when a file was generated, and column headers."""

from __future__ import annotations

import re
from datetime import UTC, datetime

import pandas as pd

DEMO_NOTE = "DEMO — synthetic data generated for demonstration. Not real observations; do not cite."


def format_as_of(value: object) -> str:
    """YYYY-MM-DD, or 'unknown' for a missing date."""
    text = "" if value is None else str(value)
    return "unknown" if text in ("", "NaT", "None", "nan", "<NA>") else text[:10]


def stamp(moment: datetime | None = None) -> str:
    """When a file was generated, in UTC: `2026-11-23 17:05 UTC` (now when no moment is given)."""
    return (moment or datetime.now(UTC)).astimezone(UTC).strftime("%Y-%m-%d %H:%M UTC")


# Column ids the warehouse and the domain use -> the header people read, on screen and in CSV/XLSX. An id not
# listed here reads as its words ("rows_read" -> "Rows read"); a column already named for people is kept.
COLUMN_LABELS: dict[str, str] = {
    "iso3": "ISO3", "name": "Name", "source_id": "Source", "source_name": "Source", "is_demo": "Demo data",
    "factor": "Risk factor", "factor_name": "Risk factor (UN Framework)", "indicator_id": "Indicator id",
    "indicator_names": "Indicators", "indicators": "Indicators", "method_version": "Tier method",
    "coverage": "Reliability", "stale_share": "Stale share", "tier": "Model tier", "score": "Score",
    "assessed_tier": "Assessed tier (analyst)", "assessed_by": "Assessed by", "from_tier": "From tier",
    "to_tier": "To tier", "from_score": "Score before", "to_score": "Score now", "as_of": "Data as of",
    "last_load": "Loaded (UTC)", "ingest_id": "Load", "file_name": "File", "sha256": "SHA-256",
    "started_at": "Started (UTC)", "finished_at": "Finished (UTC)", "higher_is_worse": "Higher is worse",
    "risk_factors": "Risk factors", "first_period": "First year", "last_period": "Last year",
    "first_year": "First year", "last_year": "Last year", "rows_held": "Rows held", "un_subregion": "UN sub-region",
    "review_id": "Review", "rule_id": "Rule", "due_date": "Deadline", "situation_id": "Situation",
    "actor_id": "Actor", "period": "Year", "value": "Value", "unit": "Unit", "url": "URL",
}
_ID = re.compile(r"[a-z][a-z0-9]*(_[a-z0-9]+)*")


def header(column: object) -> str:
    """The header people read for a column id: COLUMN_LABELS, else its words; other names stay as they are."""
    text = str(column)
    if text in COLUMN_LABELS:
        return COLUMN_LABELS[text]
    return text.replace("_", " ").capitalize() if _ID.fullmatch(text) else text


def readable(frame: pd.DataFrame) -> pd.DataFrame:
    """The frame with headers people read (a copy; the values are untouched)."""
    return frame.rename(columns={column: header(column) for column in frame.columns})
