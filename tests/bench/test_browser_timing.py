"""scripts/browser_timing.py: its stdout is one JSON object of the issue's shape (floors, pages, ratios)."""

from __future__ import annotations

import importlib.util
import json
import subprocess
import sys
from pathlib import Path

import pytest

SCRIPT = Path(__file__).resolve().parents[2] / "scripts" / "browser_timing.py"
PAGE_KEYS = {"cold_s", "warm_s", "first_visit_s"}
RATIOS = {"overview_warm", "overview_cold", "country_warm", "country_cold", "overview_first_visit"}


def _script():
    spec = importlib.util.spec_from_file_location("browser_timing", SCRIPT)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _assert_shape(result: dict) -> None:
    assert set(result) == {"floors", "pages", "ratios"}
    assert set(result["floors"]) == {"blank", "one_map"}
    assert all(set(floor) == {"cold_s", "warm_s"} for floor in result["floors"].values())
    assert set(result["pages"]) == {"overview", "country"}
    assert all(set(page) == PAGE_KEYS for page in result["pages"].values())
    assert set(result["ratios"]) == RATIOS
    numbers = [*(v for f in result["floors"].values() for v in f.values()),
               *(v for p in result["pages"].values() for v in p.values()), *result["ratios"].values()]
    assert all(isinstance(value, float) and value > 0 for value in numbers)


def test_summary_is_ratios_to_the_one_map_floor() -> None:
    def timed(cold: float, warm: float, first: float) -> dict:
        return {"cold_s": cold, "warm_s": warm, "first_visit_s": first}

    result = _script().summary(timed(1.5, 1.0, 1.6), timed(3.0, 2.0, 3.1), timed(4.5, 2.4, 6.0), timed(6.0, 5.0, 7.0))
    _assert_shape(json.loads(json.dumps(result)))
    assert result["ratios"] == {"overview_warm": 1.2, "overview_cold": 1.5, "country_warm": 2.5,
                                "country_cold": 2.0, "overview_first_visit": 2.0}
    assert result["floors"]["one_map"] == {"cold_s": 3.0, "warm_s": 2.0}


@pytest.mark.slow
@pytest.mark.browser
def test_stdout_is_one_json_object() -> None:
    finished = subprocess.run([sys.executable, str(SCRIPT), "--runs", "1"], stdout=subprocess.PIPE, text=True,
                              timeout=900, check=True)  # its progress (stderr) goes to the test's output
    _assert_shape(json.loads(finished.stdout))
