"""Provenance captions: the sources behind the rows shown and their latest as-of date."""

from __future__ import annotations

import pandas as pd

from r2p.provenance import Provenance, of_rows, of_scores, of_values

SOURCES = pd.DataFrame({"name": ["A", "B", "C"], "as_of": pd.to_datetime(["2024-01-01", "2025-06-30", "2026-01-01"])})


def test_only_the_sources_behind_the_rows_count() -> None:
    rows = pd.DataFrame({"source_name": ["A", None, "B", "B"]})  # None: a median row, no source of its own
    assert of_rows(rows, SOURCES, True) == Provenance("A, B", pd.Timestamp("2025-06-30"), "", True)


def test_no_rows_means_no_data() -> None:
    assert of_rows(pd.DataFrame({"source_name": []}), SOURCES, False) == Provenance("no data", None)
    assert of_values(pd.DataFrame({"source_name": [], "as_of": []}), False) == Provenance("no data", None)


def test_values_carry_their_own_sources_and_dates() -> None:
    values = pd.DataFrame({"source_name": ["EWP", "EWP", "V-Dem"],
                           "as_of": pd.to_datetime(["2025-09-03", "2025-09-03", "2025-03-01"])})
    assert of_values(values, False) == Provenance("EWP, V-Dem", pd.Timestamp("2025-09-03"))


def test_scores_name_the_method_and_every_source() -> None:
    assert of_scores("composite-1", SOURCES, True) == Provenance("composite-1 scores from A, B, C",
                                                                 pd.Timestamp("2026-01-01"), "composite-1", True)
    nothing = of_scores("ewp-1", SOURCES.iloc[:0], False)
    assert nothing.sources == "ewp-1 scores from no loaded source" and nothing.as_of is None
