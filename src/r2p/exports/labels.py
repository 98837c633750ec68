"""Words every export prints the same way: the DEMO note, dates, and when a file was generated."""

from __future__ import annotations

from datetime import UTC, datetime

DEMO_NOTE = "DEMO — synthetic data generated for demonstration. Not real observations; do not cite."


def format_as_of(value: object) -> str:
    """YYYY-MM-DD, or 'unknown' for a missing date."""
    text = "" if value is None else str(value)
    return "unknown" if text in ("", "NaT", "None", "nan", "<NA>") else text[:10]


def stamp(moment: datetime | None = None) -> str:
    """When a file was generated, in UTC: `2026-11-23 17:05 UTC` (now when no moment is given)."""
    return (moment or datetime.now(UTC)).astimezone(UTC).strftime("%Y-%m-%d %H:%M UTC")
