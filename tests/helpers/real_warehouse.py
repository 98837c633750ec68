"""One warehouse loaded from the real shared data (EWP, UCDP, V-Dem, WDI), built once per test process (~1 min)."""

from __future__ import annotations

import atexit
import shutil
import tempfile
from functools import cache
from pathlib import Path

from tests.helpers.cli import r2p
from tests.helpers.data import require_shared

# (source, file under ../shared/data), in the order the README's real-data recipe loads them
REAL_FILES = (
    ("ewp", "ewp/basedata2025_4august2025.csv"),
    ("ewp", "ewp/prepared2024predictors-2025-09-03.csv"),
    ("ewp", "ewp/final_forecasts_data_3Sep2025.csv"),
    ("ewp", "ewp/FOOSforecasts_3Sep2025.csv"),
    ("ucdp", "ucdp/BattleDeaths_v25_1.csv"),
    ("ucdp", "ucdp/GEDEvent_v23_1_CAR.geojson"),
    ("vdem", "vdem/ert.csv"),
    ("wdi", "ewp/inputs/wdi.csv"),
)


def real_warehouse() -> Path:
    """The path of the real-data warehouse (skips the test where the shared data is absent). Read it only."""
    files = [(source, require_shared(path)) for source, path in REAL_FILES]
    return _built(tuple((source, str(path)) for source, path in files))


@cache
def _built(files: tuple[tuple[str, str], ...]) -> Path:
    folder = Path(tempfile.mkdtemp(prefix="r2p-real-"))
    atexit.register(shutil.rmtree, folder, True)
    env = {"R2P_DB": str(folder / "r2p.duckdb")}
    result = r2p("init", "--no-demo", env=env)
    assert result.returncode == 0, result.stderr
    for source, path in files:
        result = r2p("ingest", source, path, env=env)
        assert result.returncode == 0, result.stderr
    return folder / "r2p.duckdb"
