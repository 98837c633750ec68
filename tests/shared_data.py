"""Access to the real data files in ../shared/data (beside the repo), for tests that need them."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

REPO_ROOT = Path(__file__).resolve().parents[1]
SHARED_DATA = REPO_ROOT.parent / "shared" / "data"


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
