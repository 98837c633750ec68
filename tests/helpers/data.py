"""Where test data lives (the repository, its examples, ../shared/data) and the date every test runs on."""

from __future__ import annotations

import os
from datetime import date
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SHARED_DATA = ROOT.parent / "shared" / "data"
EXAMPLES = ROOT / "data" / "examples"
FIXED_TODAY = date(2026, 11, 23)  # the demo spans 1990..last year; fix it so tests do not drift


def require_shared(path_relative_to_shared_data: str) -> Path:
    """Path of a file under ../shared/data; skip the test if it is absent, but fail when CI=true.

    CI runs in a fresh clone with shared/ beside it, so a missing file there is a real error and must
    not quietly turn into a skipped test.
    """
    path = SHARED_DATA / path_relative_to_shared_data
    if path.exists():
        return path
    reason = f"shared data file not found: {path}"
    if os.environ.get("CI") == "true":
        pytest.fail(f"{reason} (CI=true: shared data must be present)")
    pytest.skip(reason)
