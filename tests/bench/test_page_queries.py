"""r2p/bench/page_queries.py fills every read of r2p/ui/reads.py, so a new read cannot break `r2p bench`."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pandas as pd

from r2p.bench.page_queries import View, busiest_country, page_queries
from r2p.ui.reads import READS
from r2p.warehouse.store import Warehouse


def test_every_read_runs_with_the_benchmarked_view(template_warehouse: Path) -> None:
    demo = Warehouse(str(template_warehouse))
    today = date.today()
    indicator = str(READS["indicators"](demo)["indicator_id"].iloc[0])
    calls = page_queries(demo, View(busiest_country(demo), indicator, today.year - 1, today))
    assert set(READS) <= set(calls)
    results = {name: call() for name, call in calls.items()}
    events = results["country_events"]
    assert isinstance(events, pd.DataFrame) and len(events) > 0  # the window `until` gives holds the busiest's events
