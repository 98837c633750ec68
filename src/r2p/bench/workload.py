"""The bench warehouse: `r2p init` with demo data, then the synthetic source, and the CSVs the importers read.

Run as `python -m r2p.bench.workload SPEC.json` in a child process, so generating millions of rows does not count
towards the app's memory; prints what it built, with timings, as JSON.
"""

from __future__ import annotations

import json
import shutil
import sys
from datetime import date
from pathlib import Path

from r2p.bench.measure import peak_rss_mb, timed
from r2p.bench.synthetic import Size, add_synthetic, export_csvs, register_bench
from r2p.ops.build import initialise
from r2p.warehouse.store import Warehouse


def build(folder: Path, scale: float, today: date) -> dict:
    """folder/warehouse (pages and queries), folder/ingest (a copy before the synthetic load, for ingest runs)."""
    size = Size.of(scale, today)
    warehouse = Warehouse(str(folder / "warehouse" / "r2p.duckdb"))
    seconds = {"initialise": timed(lambda: initialise(warehouse, want_demo=True, today=today))[0],
               "register": timed(lambda: register_bench(warehouse, size))[0]}
    scratch = folder / "ingest" / "r2p.duckdb"
    scratch.parent.mkdir(parents=True)
    shutil.copyfile(warehouse.current_file(), scratch)
    seconds["generate"], counts = timed(lambda: add_synthetic(warehouse, size))
    seconds["export_csv"], (observations, events) = timed(lambda: export_csvs(warehouse, folder))
    return {"warehouse": warehouse.location, "warehouse_file": str(warehouse.current_file()),
            "ingest_warehouse": str(scratch), "observations_csv": str(observations), "events_csv": str(events),
            "indicators": size.indicators, "observations": counts["observations"], "events": counts["events"],
            "last_year": size.last_year, "warehouse_mb": round(warehouse.current_file().stat().st_size / 2**20, 1),
            "seconds": {name: round(value, 3) for name, value in seconds.items()}, "peak_rss_mb": peak_rss_mb()}


if __name__ == "__main__":
    spec = json.loads(Path(sys.argv[1]).read_text(encoding="utf-8"))
    print(json.dumps(build(Path(spec["folder"]), float(spec["scale"]), date.fromisoformat(spec["today"]))))
