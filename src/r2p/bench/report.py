"""A bench result as the Markdown tables BENCHMARKS.md shows (targets, pages, queries, ingest, pandas, memory)."""

from __future__ import annotations

TARGET_NAMES = {
    "page_warm_ms": "every page's warm run ≤ 300 ms",
    "query_p95_ms": "every data query p95 ≤ 50 ms",
    "events_ingest_rows_per_s": "events ingest ≥ 1 M rows/s",
    "event_speedup_vs_pandas": "event queries ≥ 5× faster than the pandas way",
    "peak_rss_mb": "peak RSS ≤ 1.5 GB",
    "scaling_4x_over_1x": "4× events → ≤ 4.5× time",
}


def markdown(result: dict) -> str:
    """Every table, in the order BENCHMARKS.md reads."""
    return "\n\n".join([_header(result), _targets(result), _pages(result), _queries(result), _ingest(result),
                        _pandas(result), _memory(result), _scaling(result)]) + "\n"


def _table(head: list[str], rows: list[list[object]]) -> str:
    lines = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    return "\n".join(lines + ["| " + " | ".join(str(cell) for cell in row) + " |" for row in rows])


def _header(result: dict) -> str:
    machine, data = result["machine"], result["data"]
    return (f"Measured {result['measured_at']} at scale {result['scale']} on {machine['cpu']},"
            f" {machine['cores']} cores, {machine['memory_gb']} GB, Python {machine['python']}:"
            f" {data['observations']:,} observations"
            f" ({data['indicators']} synthetic indicators), {data['events']:,} events, warehouse"
            f" {data['warehouse_mb']} MB. Views: country {result['view']['country']} (the most events),"
            f" indicator {result['view']['indicator']}, {result['view']['period']}.")


def _targets(result: dict) -> str:
    rows = [[TARGET_NAMES[name], target["value"], "met" if target["met"] else "**missed**", target["what"]]
            for name, target in result["targets"].items()]
    return _table(["target", "measured", "", "worst case"], rows)


def _pages(result: dict) -> str:
    rows = [[page, t["cold_ms"], t["warm_ms"], t.get("error", "").split(" | ")[0]]
            for page, t in result["pages"].items()]
    return _table(["page (AppTest)", "cold ms", "warm ms", "error"], rows)


def _queries(result: dict) -> str:
    ordered = sorted(result["queries"].items(), key=lambda item: -item[1]["p95_ms"])
    return _table(["data query (uncached)", "p50 ms", "p95 ms"], [[n, q["p50_ms"], q["p95_ms"]] for n, q in ordered])


def _ingest(result: dict) -> str:
    rows = [[kind, f"{i['rows']:,}", i["seconds"], f"{i['rows_per_s']:,}", i["stage_started_s"]]
            for kind, i in ((k, result["ingest"][k]) for k in ("observations", "events"))]
    writes = result["writes"]
    return (_table(["r2p ingest", "rows", "seconds", "rows/s", "stage started at (s)"], rows)
            + f"\n\nEvery write copies the warehouse file ({writes['warehouse_mb']} MB): {writes['copy_on_write_s']} s."
            f" The tier-score refresh each ingest runs in the same transaction: {writes['refresh_scores_s']} s.")


def _pandas(result: dict) -> str:
    rows = [[name, result["queries"][name]["p50_ms"], result["pandas_ms"][name], result["speedup_vs_pandas"][name],
             result["speedup_vs_pandas_in_memory"][name]] for name in result["speedup_vs_pandas"]]
    return _table(["query", "ours p50 ms", "pandas ms (read + compute)", "speed-up", "speed-up, frames in memory"],
                  rows)


def _memory(result: dict) -> str:
    children = ", ".join(f"{name} {mb} MB" for name, mb in result["peak_rss_children_mb"].items())
    return (f"Peak RSS of the app's work (queries and page runs): {result['peak_rss_mb']} MB."
            f" Child processes: {children}.")


def _scaling(result: dict) -> str:
    rows = [[f"{p['multiple']}×", f"{p['events']:,}", p["seconds"], p["per_query_ms"]] for p in result["scaling"]]
    return _table(["events", "rows", "seconds (10 rounds)", "per query ms"], rows)
