"""`r2p bench`: build the scaled synthetic warehouse, measure everything the issue names, assemble the JSON."""

from __future__ import annotations

import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
from collections.abc import Callable, Mapping
from datetime import UTC, date, datetime
from pathlib import Path

from r2p.bench.measure import Progress, latency, peak_rss_mb, repeat_ms
from r2p.bench.page_queries import View, busiest_country, page_queries
from r2p.bench.pandas_way import READS
from r2p.bench.targets import check_targets
from r2p.warehouse.queries import query
from r2p.warehouse.store import Warehouse

PageTimer = Callable[[Path, str, Mapping[str, str], Progress], dict[str, dict]]
EVENT_QUERIES = ("recent_events", "latest_event_date", "country_event_summary")


def run_bench(scale: float, app_path: Path, page_timer: PageTimer, progress: Progress, runs: int = 30,
              folder: Path | None = None) -> dict:
    """Every measure at `scale`, in `folder` (a temporary folder, removed afterwards, when None)."""
    if folder is not None:
        folder.mkdir(parents=True, exist_ok=True)
        return _measure_all(scale, app_path, page_timer, progress, runs, folder)
    with tempfile.TemporaryDirectory(prefix="r2p-bench-") as temporary:
        return _measure_all(scale, app_path, page_timer, progress, runs, Path(temporary))


def _measure_all(scale: float, app_path: Path, page_timer: PageTimer, progress: Progress, runs: int,
                 folder: Path) -> dict:
    today = date.today()
    progress(f"building the synthetic warehouse at scale {scale} in {folder}")
    built = child("r2p.bench.workload", {"folder": str(folder), "scale": scale, "today": today.isoformat()}, folder)
    progress(f"built: {built['observations']:,} observations, {built['events']:,} events, {built['warehouse_mb']} MB")
    warehouse = Warehouse(built["warehouse"])
    view = View(busiest_country(warehouse), "bench_001", built["last_year"], today)
    progress(f"page data queries, {runs} runs each (country {view.country})")
    queries = {name: latency(repeat_ms(call, runs)) for name, call in page_queries(warehouse, view).items()}
    pages = page_timer(app_path, warehouse.location, {"country": view.country, "indicator": view.indicator,
                                                      "period": str(view.period)}, progress)
    app_rss = peak_rss_mb()
    progress("ingest throughput (r2p ingest's importers, in a child process)")
    # The bench's own files may be larger than the dashboard's upload limit, which guards uploads, not this.
    upload_mb = sum(Path(path).stat().st_size for path in _files(built).values()) // 2**20 + 1
    ingest = child("r2p.bench.ingest_speed", {"warehouse": built["ingest_warehouse"], **_files(built)}, folder,
                   {"R2P_MAX_UPLOAD_MB": str(upload_mb)})
    progress("the pandas way (pd.read_csv on every rerun, in a child process)")
    baseline = child("r2p.bench.pandas_way", {**_files(built), **_view_spec(warehouse, view), "runs": min(runs, 10),
                                              "read_runs": 3 if scale < 0.5 else 2}, folder)
    progress("cost curve at 1x, 2x and 4x events (in a child process)")
    scaling = child("r2p.bench.scaling", {"folder": str(folder), "warehouse_file": built["warehouse_file"],
                                          "events": built["events"], "last_year": built["last_year"],
                                          "iso3": view.country, "today": today.isoformat()}, folder)
    result = {
        "scale": scale, "measured_at": datetime.now(UTC).isoformat(timespec="seconds"), "machine": machine(),
        "data": {key: built[key] for key in ("indicators", "observations", "events", "warehouse_mb")},
        "view": {"country": view.country, "indicator": view.indicator, "period": view.period},
        "build_seconds": built["seconds"], "pages": pages, "queries": queries,
        "ingest": _ingest_summary(ingest), "writes": ingest["writes"],
        **_speedups(queries, baseline), "peak_rss_mb": app_rss,
        "peak_rss_children_mb": {"build": built["peak_rss_mb"], "ingest": ingest["peak_rss_mb"],
                                 "pandas_way": baseline["peak_rss_mb"], "scaling": scaling["peak_rss_mb"]},
        "scaling": scaling["scaling"],
    }
    result["targets"] = check_targets(result, EVENT_QUERIES)
    return result


def child(module: str, spec: dict, folder: Path, env: dict[str, str] | None = None) -> dict:
    """Run `python -m module SPEC.json` and read the JSON it prints (its stderr goes to ours)."""
    spec_file = folder / f"{module.rsplit('.', 1)[-1]}.spec.json"
    spec_file.write_text(json.dumps(spec), encoding="utf-8")
    finished = subprocess.run([sys.executable, "-m", module, str(spec_file)], stdout=subprocess.PIPE, text=True,
                              check=False, env={**os.environ, **(env or {})})
    if finished.returncode != 0:
        raise RuntimeError(f"{module} failed with exit code {finished.returncode} (its error is printed above)")
    return json.loads(finished.stdout)


def _files(built: dict) -> dict:
    return {"observations_csv": built["observations_csv"], "events_csv": built["events_csv"]}


def _view_spec(warehouse: Warehouse, view: View) -> dict:
    code = query(warehouse, "read/country_numeric_code", {"iso3": view.country})["iso_numeric"].iloc[0]
    return {"iso3": view.country, "iso_numeric": int(code), "indicator": view.indicator, "period": view.period,
            "today": view.today.isoformat()}


def _ingest_summary(ingest: dict) -> dict:
    return {"observations_rows_per_s": ingest["observations"]["rows_per_s"],
            "events_rows_per_s": ingest["events"]["rows_per_s"],
            "observations": ingest["observations"], "events": ingest["events"]}


def _speedups(queries: dict, baseline: dict) -> dict:
    """pandas milliseconds / ours (p50), for each query both can answer: re-reading the file on every rerun
    (the typical app), and, stricter, with the frames already in memory."""
    read = {name: statistics.median(values) for name, values in baseline["read_ms"].items()}
    compute = {name: statistics.median(values) for name, values in baseline["compute_ms"].items()}
    ours = {name: max(queries[name]["p50_ms"], 0.01) for name in compute}
    return {
        "pandas_ms": {name: round(read[READS[name]] + compute[name], 2) for name in compute},
        "speedup_vs_pandas": {name: round((read[READS[name]] + compute[name]) / ours[name], 1) for name in compute},
        "speedup_vs_pandas_in_memory": {name: round(compute[name] / ours[name], 2) for name in compute},
    }


def machine() -> dict:
    """What the figures were measured on."""
    cpu = next((line.split(":", 1)[1].strip() for line in _lines("/proc/cpuinfo") if line.startswith("model name")),
               platform.processor())
    memory_kb = next((int(line.split()[1]) for line in _lines("/proc/meminfo") if line.startswith("MemTotal")), 0)
    return {"cpu": cpu, "cores": os.cpu_count(), "memory_gb": round(memory_kb / 2**20, 1),
            "python": platform.python_version(), "system": platform.platform()}


def _lines(path: str) -> list[str]:
    try:
        return Path(path).read_text(encoding="utf-8").splitlines()
    except OSError:
        return []
