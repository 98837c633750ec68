"""The issue's performance targets, checked against a bench result: the figure, the target, met or not."""

from __future__ import annotations

from collections.abc import Sequence

WARM_PAGE_MS = 300
QUERY_P95_MS = 50
EVENTS_ROWS_PER_S = 1_000_000
EVENT_SPEEDUP = 5
PEAK_RSS_MB = 1536
SCALING_4X = 4.5


def check_targets(result: dict, event_queries: Sequence[str]) -> dict[str, dict]:
    """{target: {value, limit, met, what}}; `value` is the worst case the target is about."""
    warm_page = max(result["pages"].items(), key=lambda item: item[1]["warm_ms"])
    slow_query = max(result["queries"].items(), key=lambda item: item[1]["p95_ms"])
    slow_speedup = min((result["speedup_vs_pandas"][q], q) for q in event_queries)
    points = {point["multiple"]: point["seconds"] for point in result["scaling"]}
    growth = points[4] / points[1] if points.get(1) else float("inf")
    rows = [
        ("page_warm_ms", warm_page[1]["warm_ms"], WARM_PAGE_MS, "<=", f"slowest warm page: {warm_page[0]}"),
        ("query_p95_ms", slow_query[1]["p95_ms"], QUERY_P95_MS, "<=", f"slowest query: {slow_query[0]}"),
        ("events_ingest_rows_per_s", result["ingest"]["events_rows_per_s"], EVENTS_ROWS_PER_S, ">=",
         "ACLED CSV through r2p ingest"),
        ("event_speedup_vs_pandas", slow_speedup[0], EVENT_SPEEDUP, ">=", f"smallest: {slow_speedup[1]}"),
        ("peak_rss_mb", result["peak_rss_mb"], PEAK_RSS_MB, "<=", "queries and page runs (this process)"),
        ("scaling_4x_over_1x", round(growth, 2), SCALING_4X, "<=", "event queries, 4x events vs 1x"),
    ]
    return {name: {"value": value, "limit": limit, "met": value <= limit if sense == "<=" else value >= limit,
                   "what": what} for name, value, limit, sense, what in rows}
