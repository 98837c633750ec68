"""The `r2p` command as a user runs it: exit codes, messages on stderr, JSON on the last line."""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import datetime
from pathlib import Path

import pytest

from r2p.warehouse import Warehouse
from tests.helpers.cli import r2p
from tests.helpers.data import EXAMPLES


def test_ingest_json_reports_a_load(warehouse: Warehouse) -> None:
    result = r2p("ingest", "table", str(EXAMPLES / "table_long.csv"), "--json")
    assert result.returncode == 0, result.stderr
    outcome = json.loads(result.stdout.strip().splitlines()[-1])
    assert {k: outcome[k] for k in ("source", "file", "kind", "rows_read", "rows_loaded", "rows_rejected",
                                    "status", "errors")} == {
        "source": "table", "file": "table_long.csv", "kind": "table-long", "rows_read": 16, "rows_loaded": 15,
        "rows_rejected": 0, "status": "loaded", "errors": []}
    again = json.loads(r2p("ingest", "table", str(EXAMPLES / "table_long.csv"), "--json").stdout.splitlines()[-1])
    assert again["status"] == "unchanged"


def test_a_malformed_file_exits_1_with_located_errors_and_no_change(warehouse: Warehouse) -> None:
    before = warehouse.path.read_bytes()
    result = r2p("ingest", "table", str(EXAMPLES / "table_malformed.csv"), "--json")
    assert result.returncode == 1
    assert "table_malformed.csv, row 4, column \"year\": '20x3': is not a year" in result.stderr
    outcome = json.loads(result.stdout.strip().splitlines()[-1])
    assert outcome["status"] == "refused" and outcome["errors_total"] == 6
    assert outcome["errors"][0]["row"] == 3 and outcome["errors"][0]["column"] == "country"
    assert warehouse.path.read_bytes() == before


def test_error_list_is_capped_and_counted(warehouse: Warehouse, tmp_path: Path, monkeypatch) -> None:
    path = tmp_path / "many.csv"
    path.write_text("country,indicator,year,value\n" + "\n".join(f"XX{i},wdi.infant_mortality,2024,1"
                                                                  for i in range(80)))
    monkeypatch.setenv("R2P_MAX_ERRORS", "10")
    result = r2p("ingest", "table", str(path), "--json")
    outcome = json.loads(result.stdout.strip().splitlines()[-1])
    assert len(outcome["errors"]) == 10 and outcome["errors_total"] == 80
    assert "… and 70 more." in result.stderr


def test_unknown_source_and_missing_warehouse_are_plain_errors(tmp_path: Path, monkeypatch) -> None:
    assert "Unknown source 'nope'" in r2p("ingest", "nope", "x.csv").stderr
    monkeypatch.setenv("R2P_DB", str(tmp_path / "absent.duckdb"))
    result = r2p("status")
    assert result.returncode == 2 and "Run `r2p init`" in result.stderr


def test_init_builds_a_warehouse_and_status_describes_it(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv("R2P_DB", str(tmp_path / "new.duckdb"))
    built = r2p("init", "--no-demo")
    assert built.returncode == 0, built.stderr
    assert "198 countries" in built.stdout and "no demo data" in built.stdout
    loaded = r2p("ingest", "table", str(EXAMPLES / "table_wide.xlsx"))
    assert loaded.returncode == 0, loaded.stderr
    status = json.loads(r2p("status", "--json").stdout)
    assert [(s["source_id"], s["observations"]) for s in status["sources"]] == [("table", 19)]
    # the workbook states no as-of date: null in JSON, "unknown" in the text (never NaT), the load to the minute
    assert status["sources"][0]["as_of"] is None
    line = r2p("status").stdout.splitlines()[1]
    assert "as of unknown  loaded " in line and line.endswith(" UTC") and "NaT" not in line
    assert datetime.fromisoformat(status["sources"][0]["last_load"]).strftime("%Y-%m-%d %H:%M UTC") in line


@pytest.mark.slow
def test_the_installed_console_script_starts_and_shows_its_help() -> None:
    """The one test that runs the real `r2p` script in a new process; the rest call its entry point in-process."""
    script = Path(sys.executable).with_name("r2p")
    shown = subprocess.run([str(script), "--help"], capture_output=True, text=True, check=False)
    assert shown.returncode == 0, shown.stderr
    assert "Usage" in shown.stdout and "R2P Watch" in shown.stdout and "ingest" in shown.stdout
