"""serve.py, as `make run` starts it: the Overview runs once, headless, before the server answers a request."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.browser.conftest import _free_port, _wait_healthy
from tests.helpers.data import ROOT

pytestmark = pytest.mark.slow  # starts a server


def _log_once_answering(warehouse: Path, log: Path) -> str:
    """Start serve.py on `warehouse`, wait until it answers, stop it; its log up to then."""
    port = _free_port()
    url = f"http://127.0.0.1:{port}"
    process = subprocess.Popen(
        [sys.executable, "-m", "streamlit", "run", str(ROOT / "serve.py"), "--server.port", str(port),
         "--server.address", "127.0.0.1", "--server.headless", "true"],
        cwd=ROOT, env={**os.environ, "R2P_DB": str(warehouse)}, stdout=log.open("w"), stderr=subprocess.STDOUT)
    try:
        _wait_healthy(url, process, seconds=180)
        return log.read_text()
    finally:
        process.terminate()
        process.wait(timeout=30)


def test_the_overview_has_run_once_when_the_server_first_answers(template_warehouse: Path, tmp_path: Path) -> None:
    warehouse, log = tmp_path / "r2p.duckdb", tmp_path / "streamlit.log"
    shutil.copyfile(template_warehouse, warehouse)
    text = _log_once_answering(warehouse, log)
    assert "Warm-up: the Overview ran once in" in text and "(FINISHED_SUCCESSFULLY)" in text, text
    assert "exception shown" not in text and "warm-up failed" not in text


def test_a_warehouse_that_cannot_be_read_still_lets_the_server_start_after_the_warm_up(tmp_path: Path) -> None:
    broken = tmp_path / "not-a-warehouse.duckdb"
    broken.write_text("not a DuckDB file")
    text = _log_once_answering(broken, tmp_path / "streamlit.log")
    assert "Warm-up: the Overview ran once in" in text and "(FINISHED_SUCCESSFULLY" in text, text
