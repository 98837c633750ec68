"""Provenance captions: the sources behind the rows shown and their latest as-of date."""

from __future__ import annotations

import pandas as pd

from r2p.provenance import sources_as_of

SOURCES = pd.DataFrame({"name": ["A", "B", "C"], "as_of": pd.to_datetime(["2024-01-01", "2025-06-30", "2026-01-01"])})


def test_only_the_sources_behind_the_rows_count() -> None:
    rows = pd.DataFrame({"source_name": ["A", None, "B", "B"]})  # None: a median row, no source of its own
    assert sources_as_of(rows, SOURCES) == ("A, B", pd.Timestamp("2025-06-30"))


def test_no_rows_means_no_data() -> None:
    assert sources_as_of(pd.DataFrame({"source_name": []}), SOURCES) == ("no data", None)
