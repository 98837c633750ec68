"""Ingest throughput: the synthetic CSVs loaded with `r2p ingest`'s own code into a scratch warehouse.

Run as `python -m r2p.bench.ingest_speed SPEC.json` in a child process, so the importers' memory is measured
apart from the app's; prints {"observations": {...}, "events": {...}, "peak_rss_mb": n} as JSON.
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

from r2p.bench.measure import peak_rss_mb, timed
from r2p.tiers.refresh import refresh_scores
from r2p.warehouse.ingest import ingest
from r2p.warehouse.store import Warehouse


def load_file(warehouse: Warehouse, source: str, path: Path) -> dict:
    """One `r2p ingest` (validation, staging, the copy-on-write load) timed end to end, with its stages."""
    stages: dict[str, float] = {}
    started = time.perf_counter()
    seconds, result = timed(lambda: ingest(warehouse, source, path,
                                           progress=lambda s: stages.setdefault(s, time.perf_counter() - started)))
    if result.status != "loaded":
        raise RuntimeError(f"the benchmark's {source} file was not loaded: {result.errors[:3]}")
    return {"source": source, "rows": result.rows_read, "rows_loaded": result.rows_loaded,
            "seconds": round(seconds, 3), "rows_per_s": round(result.rows_read / seconds),
            "stage_started_s": {name: round(at, 3) for name, at in stages.items()}}


def write_costs(warehouse: Warehouse) -> dict:
    """What every write pays at this size: the copy-on-write of the whole file, and the tier-score refresh
    that `r2p ingest` runs in the same transaction (its time here excludes the copy)."""
    def empty_write() -> None:
        with warehouse.write():
            pass

    def refresh() -> None:
        with warehouse.write() as connection:
            refresh_scores(connection)

    copy_s = min(timed(empty_write)[0] for _ in range(2))
    refresh_s = timed(refresh)[0]
    return {"warehouse_mb": round(warehouse.current_file().stat().st_size / 2**20, 1),
            "copy_on_write_s": round(copy_s, 3), "refresh_scores_s": round(max(refresh_s - copy_s, 0.0), 3)}


def measure(spec: dict) -> dict:
    warehouse = Warehouse(spec["warehouse"])
    return {"observations": load_file(warehouse, "table", Path(spec["observations_csv"])),
            "events": load_file(warehouse, "acled", Path(spec["events_csv"])),
            "writes": write_costs(warehouse), "peak_rss_mb": peak_rss_mb()}


if __name__ == "__main__":
    print(json.dumps(measure(json.loads(Path(sys.argv[1]).read_text(encoding="utf-8")))))
