"""The sidebar's few words on one source's releases."""

from __future__ import annotations

import pandas as pd

from r2p.ui.sidebar import release_note


def _held(*rows: tuple[str | None, bool]) -> pd.DataFrame:
    return pd.DataFrame([{"source_id": "ewp", "release": release, "in_force": in_force} for release, in_force in rows],
                        columns=["source_id", "release", "in_force"])


def test_the_release_in_force_comes_first_then_at_most_two_older_ones_and_a_count() -> None:
    held = _held(("EWP 2025", True), ("EWP 2024", False), ("EWP 2023", False), ("EWP 2022", False),
                 ("EWP 2021", False))
    assert release_note(held) == "EWP 2025 (earlier: EWP 2024, EWP 2023 and 2 more) · "
    assert release_note(held.iloc[:2]) == "EWP 2025 (earlier: EWP 2024) · "


def test_an_unnamed_release_is_said_to_be_unknown_and_no_release_says_nothing() -> None:
    assert release_note(_held((None, True))) == "release unknown · "
    assert release_note(_held(("EWP 2024", False))) == "no release in force (earlier: EWP 2024) · "
    assert release_note(_held()) == ""
