"""The cost curve: the event page queries over 1×, 2× and 4× the events, each in its own scratch database.

Run as `python -m r2p.bench.scaling SPEC.json` in a child process (the 4× database is large); prints
{"scaling": [{"events", "seconds", "per_query_ms"}...], "peak_rss_mb": n} as JSON.
"""

from __future__ import annotations

import json
import sys
from datetime import date, timedelta
from pathlib import Path

import duckdb

from r2p.bench.measure import peak_rss_mb, timed
from r2p.bench.synthetic import insert_events
from r2p.convening.drafting import window_params
from r2p.read.profile import event_window
from r2p.warehouse.queries import run

MULTIPLES = (1, 2, 4)
ROUNDS = 10


def scratch_database(path: Path, warehouse_file: Path, events: int, last_year: int) -> duckdb.DuckDBPyConnection:
    """The warehouse's country, source and ingest tables, and `events` synthetic events, in a new file."""
    connection = duckdb.connect(str(path))
    run(connection, "ops/attach_warehouse_read_only", {"database": str(warehouse_file)})
    run(connection, "bench/scratch_copy")
    bench_load = int(run(connection, "bench/latest_bench_load")["ingest_id"].iloc[0])
    insert_events(connection, events, last_year, bench_load)
    # NOTE: SQL kept here, not in a query file: one fixed word with no parameter (so the timed queries read the
    # events from the file, not from the write-ahead log).
    connection.execute("CHECKPOINT")
    return connection


def workload(connection: duckdb.DuckDBPyConnection, iso3: str, today: date) -> dict[str, float]:
    """Seconds for ROUNDS of the event queries the Country and Meeting prep pages make."""
    since = today - timedelta(days=365)
    last = run(connection, "read/latest_event_date")["last_date"].iloc[0]  # where profile.recent_events' window ends
    # (query, parameters, fetched columnar as profile.country_events does)
    calls = {"recent_events": ("read/country_events_to", {"iso3": iso3, **event_window(last)}, True),
             "latest_event_date": ("read/latest_event_date", {}, False),
             "country_event_summary": ("read/briefing_event_windows", window_params(iso3, since, today), False)}
    spent = dict.fromkeys(calls, 0.0)
    for _ in range(ROUNDS):
        for name, (query_name, params, columnar) in calls.items():
            cursor = connection.cursor()
            spent[name] += timed(lambda q=query_name, p=params, c=cursor, a=columnar: run(c, q, p, columnar=a))[0]
            cursor.close()
    return spent


def measure(spec: dict) -> dict:
    folder, points = Path(spec["folder"]), []
    today = date.fromisoformat(spec["today"])
    for multiple in MULTIPLES:
        path = folder / f"scaling-{multiple}x.duckdb"
        events = multiple * spec["events"]
        connection = scratch_database(path, Path(spec["warehouse_file"]), events, spec["last_year"])
        workload(connection, spec["iso3"], today)  # warm: the first round reads the file from disk
        spent = workload(connection, spec["iso3"], today)
        connection.close()
        path.unlink()
        points.append({"events": events, "multiple": multiple, "seconds": round(sum(spent.values()), 4),
                       "per_query_ms": {name: round(s * 1000 / ROUNDS, 2) for name, s in spent.items()}})
    return {"scaling": points, "peak_rss_mb": peak_rss_mb()}


if __name__ == "__main__":
    print(json.dumps(measure(json.loads(Path(sys.argv[1]).read_text(encoding="utf-8")))))
