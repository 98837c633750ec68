"""`r2p backtest` in-process, on a warehouse holding EWP's real base data and out-of-sample (FOOS) forecasts."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from r2p.access.rights import command_line_user
from r2p.ops.build import ingest_and_score, initialise
from r2p.warehouse import Warehouse
from tests.conftest import require_shared
from tests.helpers.cli import r2p

FILES = ("ewp/basedata2025_4august2025.csv", "ewp/FOOSforecasts_3Sep2025.csv", "ewp/final_forecasts_data_3Sep2025.csv")
KEYS = {"method", "definition", "subset", "first_year", "last_year", "positives", "caught_10", "caught_20",
        "caught_30", "auc", "auc_ci", "default"}
PAIRED = {"delta_auc", "delta_auc_ci", "delta_caught_30", "verdict"}


@pytest.fixture(scope="module")
def real_ewp(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    """The environment of a warehouse with EWP's real base data, FOOS file and final forecasts (no demo)."""
    files = [require_shared(name) for name in FILES]
    path = tmp_path_factory.mktemp("backtest") / "r2p.duckdb"
    warehouse = Warehouse(str(path))
    initialise(warehouse, want_demo=False)
    for file in files:
        assert ingest_and_score(warehouse, "ewp", file, user=command_line_user()).status == "loaded"
    return {"R2P_DB": str(path), "R2P_TIER_METHOD": "composite"}


def _rows(*args: str, env: dict[str, str]) -> dict[tuple[str, str, str], dict]:
    done = r2p("backtest", *args, "--format", "json", env=env)
    assert done.returncode == 0, done.stderr
    rows = json.loads(done.stdout.strip().splitlines()[-1])
    return {(row["method"], row["definition"], row["subset"]): row for row in rows}


def test_json_gives_ewp_check_figures_and_every_scored_method_beside_it(real_ewp: dict[str, str]) -> None:
    rows = _rows(env=real_ewp)
    # composite-1 has risk_score rows (all Insufficient data without its other sources). ewp-1 has scores for
    # 2023-2024, but its backtest is EWP's own record: it never stands as a method of its own, to seem to trail.
    assert {method for method, _, _ in rows} == {"ewp-foos", "composite-1"}
    assert len(rows) == 2 * 2 * 3 and all(set(row) >= KEYS for row in rows.values())
    ewp = rows[("ewp-foos", "forecast-year", "all")]
    assert (ewp["first_year"], ewp["last_year"], ewp["positives"]) == (1993, 2022, 72)
    assert [ewp[f"caught_{n}"] for n in (10, 20, 30)] == [20, 37, 50] and round(ewp["auc"], 3) == 0.832
    assert ewp["auc_ci"][0] < ewp["auc"] < ewp["auc_ci"][1] and ewp["default"] is False
    quiet = rows[("ewp-foos", "forecast-year", "no-ongoing")]
    assert (quiet["positives"], quiet["caught_10"], quiet["caught_20"], quiet["caught_30"]) == (35, 8, 13, 18)
    published = rows[("ewp-foos", "ewp-published", "all")]
    assert [published[k] for k in ("positives", "caught_10", "caught_20", "caught_30")] == [39, 12, 21, 27]
    assert round(published["auc"], 3) == 0.825


def test_a_method_that_scores_nothing_misses_every_window_and_trails_ewp(real_ewp: dict[str, str]) -> None:
    composite = _rows("--method", "composite-1", env=real_ewp)[("composite-1", "forecast-year", "all")]
    assert set(composite) >= PAIRED and composite["default"] is True
    assert (composite["positives"], composite["caught_30"], composite["auc"]) == (72, 0, 0.5)
    assert composite["delta_caught_30"] == -50 and composite["verdict"] == "trails"
    assert composite["delta_auc_ci"][1] < 0


def test_the_table_names_each_methods_verdict_in_a_sentence(real_ewp: dict[str, str]) -> None:
    done = r2p("backtest", env=real_ewp)
    assert done.returncode == 0, done.stderr
    assert "20 (28%)" in done.stdout and "0.832 [" in done.stdout
    assert "composite-1 trails EWP's out-of-sample forecasts on all 72 onset windows" in done.stdout
    assert "partly, not fully, out of sample" in done.stdout


def test_unknown_or_unscored_methods_are_refused(real_ewp: dict[str, str]) -> None:
    unknown = r2p("backtest", "--method", "nope", env=real_ewp)
    assert unknown.returncode == 2 and "unknown tier method 'nope'" in unknown.stderr
    unscored = r2p("backtest", "--method", "forecast", env=real_ewp)
    assert unscored.returncode == 2 and "forecast-1 has no stored scores" in unscored.stderr
    ewp_record = _rows("--method", "ewp", env=real_ewp)  # ewp-1 tiers EWP's probability: its record is EWP's
    assert {method for method, _, _ in ewp_record} == {"ewp-foos"}
    only_ewp = _rows("--method", "ewp-foos", env=real_ewp)
    assert {method for method, _, _ in only_ewp} == {"ewp-foos"}


def test_a_warehouse_without_the_foos_file_says_what_to_load(warehouse: Warehouse) -> None:
    done = r2p("backtest", env={"R2P_DB": str(Path(warehouse.label))})
    assert done.returncode == 2 and "FOOSforecasts" in done.stderr
