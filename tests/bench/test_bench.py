"""`r2p bench` at a tiny scale: every figure the issue names is present, measured and sane (no timing limits)."""

from __future__ import annotations

import json

import pytest

from r2p.bench.measure import latency, percentile
from r2p.bench.page_timing import navigation_pages
from tests.helpers.cli import r2p
from tests.helpers.data import ROOT

pytestmark = pytest.mark.slow  # a whole `r2p bench` run: it starts processes and times every page cold and warm
SCALE = 0.002  # 10,000 events and one synthetic indicator


@pytest.fixture(scope="module")
def result(tmp_path_factory: pytest.TempPathFactory) -> dict:
    folder = tmp_path_factory.mktemp("bench")
    out = folder / "bench.json"
    finished = r2p("bench", "--scale", str(SCALE), "--runs", "5", "--json", str(out), "--keep", str(folder / "work"))
    assert finished.returncode == 0, finished.stderr[-3000:]
    printed = json.loads(finished.stdout)
    assert printed == json.loads(out.read_text(encoding="utf-8"))  # stdout carries only the JSON, and --json the same
    return printed


def test_every_page_of_the_navigation_is_run_cold_and_warm_without_an_error(result: dict) -> None:
    assert set(result["pages"]) == set(navigation_pages(ROOT / "app.py")) and len(result["pages"]) >= 7
    for page, timing in result["pages"].items():
        assert "error" not in timing, (page, timing.get("error"))
        assert timing["cold_ms"] > 0 and timing["warm_ms"] > 0, page


def test_every_query_has_a_p50_no_greater_than_its_p95(result: dict) -> None:
    assert {"tier_table", "country_series", "recent_events", "compare_series", "briefing"} <= set(result["queries"])
    for name, figures in result["queries"].items():
        assert 0 < figures["p50_ms"] <= figures["p95_ms"], name


def test_ingest_loads_both_files_whole_and_reports_rows_per_second(result: dict) -> None:
    ingest, data = result["ingest"], result["data"]
    assert ingest["observations_rows_per_s"] > 0 and ingest["events_rows_per_s"] > 0
    assert ingest["observations"]["rows"] == data["observations"]
    assert ingest["events"]["rows"] == data["events"] == round(5_000_000 * SCALE)
    assert result["writes"]["copy_on_write_s"] > 0 and result["writes"]["refresh_scores_s"] >= 0


def test_the_speedup_over_pandas_is_measured_for_each_query_both_ways(result: dict) -> None:
    assert set(result["speedup_vs_pandas"]) == set(result["pandas_ms"]) == set(result["speedup_vs_pandas_in_memory"])
    assert {"recent_events", "country_event_summary", "country_series", "indicator_values"} <= set(
        result["speedup_vs_pandas"])
    for name, ratio in result["speedup_vs_pandas"].items():
        assert ratio > 0 and result["pandas_ms"][name] > 0, name
        # Re-reading the file costs more than computing on frames already read.
        assert ratio >= result["speedup_vs_pandas_in_memory"][name], name


def test_memory_scaling_and_targets_are_reported(result: dict) -> None:
    assert result["scale"] == SCALE and result["peak_rss_mb"] > 50
    assert all(size > 0 for size in result["peak_rss_children_mb"].values())
    assert [point["events"] for point in result["scaling"]] == [10_000, 20_000, 40_000]
    assert all(point["seconds"] > 0 for point in result["scaling"])
    assert set(result["targets"]) == {"page_warm_ms", "query_p95_ms", "events_ingest_rows_per_s",
                                      "event_speedup_vs_pandas", "peak_rss_mb", "scaling_4x_over_1x"}
    assert all(isinstance(target["met"], bool) for target in result["targets"].values())


def test_percentiles_are_measured_values() -> None:
    runs = [float(n) for n in range(1, 31)]
    assert percentile(runs, 0.95) == 29.0 and percentile(runs, 0.5) == 16.0
    assert latency([5.0, 1.0, 3.0]) == {"p50_ms": 3.0, "p95_ms": 5.0, "runs": 3}


def test_a_scale_of_zero_is_refused_with_a_clear_message() -> None:
    finished = r2p("bench", "--scale", "0")
    assert finished.returncode == 2 and "--scale must be a positive number" in finished.stderr
