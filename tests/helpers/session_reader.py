"""Reader processes for tests/test_concurrency.py: browser sessions, or page data functions with a snapshot check.

`python -m tests.helpers.session_reader pages STOP_FILE FIRST_PAGE` runs AppTest sessions page after page;
`python -m tests.helpers.session_reader data STOP_FILE INDICATOR ROWS` reads the domain and checks snapshots.
R2P_DB names the warehouse. Each reads until STOP_FILE exists and prints one JSON line of figures.

NOTE: sessions run in processes, not threads: AppTest sets and clears one process-wide mock Runtime per run,
so two AppTests running at once in one process break each other ("Runtime hasn't been created!").
"""

from __future__ import annotations

import json
import os
import sys
import time
import traceback
from pathlib import Path

from r2p.read import explore, profile, standings
from r2p.tiers import current_period, current_tiers
from r2p.warehouse import Warehouse
from tests.helpers.data import ROOT

# One query, so one snapshot: what the marker indicator holds, and whether every assessment and every ingest
# has its audit row beside it. A reader that saw half of a write would find a mix here.
SNAPSHOT = """
SELECT
    (SELECT count(DISTINCT ingest_id) FROM observation WHERE indicator_id = $indicator),
    (SELECT count(*) FROM observation WHERE indicator_id = $indicator),
    (SELECT max(ingest_id) FROM observation WHERE indicator_id = $indicator),
    (SELECT count(*) FROM assessment),
    (SELECT count(*) FROM audit_log WHERE action = 'assess' AND entity = 'assessment'),
    (SELECT count(*) FROM assessment a WHERE NOT EXISTS (SELECT 1 FROM audit_log l
        WHERE l.entity = 'assessment' AND l.entity_id = CAST(a.assessment_id AS VARCHAR))),
    (SELECT count(*) FROM ingest i WHERE NOT EXISTS (SELECT 1 FROM audit_log l
        WHERE l.action = 'ingest' AND l.entity_id = CAST(i.ingest_id AS VARCHAR)) AND i.ingest_id > 1)
"""


def check_snapshot(warehouse: Warehouse, indicator: str, rows: int) -> tuple[str | None, tuple]:
    """A problem found in one snapshot (None when consistent) and the state it showed."""
    cursor = warehouse.reader().cursor()
    try:
        loads, count, ingest_id, assessments, assess_audits, unaudited, ingests_unaudited = cursor.execute(
            SNAPSHOT, {"indicator": indicator}).fetchall()[0]
    finally:
        cursor.close()
    state = (ingest_id, assessments)
    if loads > 1 or count not in (0, rows):
        return f"mixed load: {loads} ingests, {count} rows of {indicator} (expected 0 or {rows})", state
    if assessments != assess_audits or unaudited or ingests_unaudited:
        return (f"audit out of step: {assessments} assessments, {assess_audits} audit rows, {unaudited} without,"
                f" {ingests_unaudited} ingests without"), state
    return None, state


def browse(warehouse: Warehouse) -> None:
    """What the Overview, Country and Data pages ask the domain for."""
    periods = standings.scored_periods(warehouse, "composite-1")
    period = standings.pick_period(periods["period"], None, current_period(warehouse, "composite-1"))
    standings.tier_movers(warehouse, "composite-1", period)
    current_tiers(warehouse, "composite-1")
    profile.tier_history(warehouse, "SDN", "composite-1")
    profile.recent_events(warehouse, "SDN")
    explore.country_series(warehouse, "SDN")
    explore.ingests(warehouse)


PAGES = [("overview", {}), ("country", {"country": "SDN"}), ("trends", {"country": "MMR"}),
         ("data_methods", {}), ("reviews", {}), ("engagement", {"country": "SDN"}), ("meeting_prep", {})]


def sessions(stop: Path, first: int) -> dict:
    """Open the app, then one page after another, as a person clicking through would; every exception counts."""
    os.environ["STREAMLIT_CLIENT_SHOW_ERROR_DETAILS"] = "full"  # the app hides them from users; the test reports them
    from r2p.ui.navigation import production_navigation

    with production_navigation():  # app.py (router, sidebar) runs on every run, as on the server
        return _browse(stop, first)


def _browse(stop: Path, first: int) -> dict:
    from streamlit.testing.v1 import AppTest

    warehouse = Warehouse.default()
    figures: dict = {"page_runs": 0, "versions": set(), "failures": []}
    turn = first
    while not stop.exists() or figures["page_runs"] == 0:
        figures["versions"].add(warehouse.current_file().name)
        page, params = PAGES[turn % len(PAGES)]
        turn += 1
        try:
            app = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
            for key, value in params.items():
                app.query_params[key] = value
            app.run()
            app.switch_page(f"pages/{page}.py").run()
            figures["failures"] += [f"{page}: {e.value}\n{''.join(e.stack_trace)}" for e in app.exception]
        except Exception:  # noqa: BLE001 - a session that crashed is a finding
            figures["failures"].append(f"{page}: {traceback.format_exc(limit=4)}")
        figures["page_runs"] += 2
        _ready(stop)
        time.sleep(0.5)  # a person reads a page before the next click; it leaves the writers some CPU
    return {**figures, "versions": len(figures["versions"])}


def _ready(stop: Path) -> None:
    """Tell the test this reader is past its slow start, so the writes it waits to begin fall in its loop."""
    Path(f"{stop}.ready.{os.getpid()}").touch()


def data(stop: Path, indicator: str, rows: int) -> dict:
    warehouse = Warehouse.default()
    figures: dict = {"reads": 0, "versions": set(), "states": set(), "failures": []}
    while not stop.exists() or figures["reads"] == 0:
        try:
            figures["versions"].add(warehouse.current_file().name)
            problem, state = check_snapshot(warehouse, indicator, rows)
            figures["states"].add(state)
            if problem:
                figures["failures"].append(problem)
            browse(warehouse)
        except Exception:  # noqa: BLE001 - every error is a finding, reported to the test
            figures["failures"].append(traceback.format_exc(limit=4))
        figures["reads"] += 1
        _ready(stop)
        time.sleep(0.1)  # a tight loop would only starve the writers on a small machine
    states = [list(state) for state in sorted(figures["states"], key=repr)]
    return {**figures, "versions": len(figures["versions"]), "states": states}


if __name__ == "__main__":
    if sys.argv[1] == "pages":
        print(json.dumps(sessions(Path(sys.argv[2]), int(sys.argv[3]))), flush=True)
    else:
        print(json.dumps(data(Path(sys.argv[2]), sys.argv[3], int(sys.argv[4]))), flush=True)
