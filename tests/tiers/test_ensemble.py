"""ensemble-1: the mean of within-year percentile ranks of EWP's published risk and forecast-1, both parts needed."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest

from r2p.access.rights import command_line_user
from r2p.ops.build import ingest_and_score, initialise
from r2p.tiers.ensemble import ensemble_scores, ewp_part
from r2p.tiers.evaluation_inputs import backtest_table
from r2p.tiers.method import TierMethod, method
from r2p.tiers.refresh import refresh_scores
from r2p.vocabulary import INSUFFICIENT
from r2p.warehouse import Warehouse
from r2p.warehouse.queries import query
from tests.helpers.data import FIXED_TODAY, require_shared

ENSEMBLE = method("ensemble-1")
REAL_FILES = ("basedata2025_4august2025.csv", "prepared2024predictors-2025-09-03.csv",
              "final_forecasts_data_3Sep2025.csv", "FOOSforecasts_3Sep2025.csv")


def _part(rows: list[tuple]) -> pd.DataFrame:
    return pd.DataFrame(rows, columns=["iso3", "period", "value"])


def _scores(ewp: pd.DataFrame, forecast: pd.DataFrame, chosen: TierMethod = ENSEMBLE) -> pd.DataFrame:
    return ensemble_scores({"ewp-1": ewp, "forecast-1": forecast}, chosen).set_index(["iso3", "period"])


def test_the_score_is_the_mean_of_the_two_within_year_percentile_ranks() -> None:
    ewp = _part([("AAA", 2000, 0.30), ("BBB", 2000, 0.20), ("CCC", 2000, 0.10), ("DDD", 2000, 0.05)])
    forecast = _part([("AAA", 2000, 0.01), ("BBB", 2000, 0.40), ("CCC", 2000, 0.30), ("DDD", 2000, 0.02)])
    scores = _scores(ewp, forecast)
    # ranks (1 = highest): EWP AAA 1, BBB .75, CCC .5, DDD .25; forecast BBB 1, CCC .75, DDD .5, AAA .25
    expected = {"AAA": (1 + 0.25) / 2, "BBB": (0.75 + 1) / 2, "CCC": (0.5 + 0.75) / 2, "DDD": (0.25 + 0.5) / 2}
    assert {c: scores.at[(c, 2000), "score"] for c in expected} == pytest.approx(expected)
    parts = json.loads(scores.at[("BBB", 2000), "contributions"])["ensemble"]
    assert parts["ewp-1"]["rank"] == pytest.approx(0.75) and parts["forecast-1"]["value"] == pytest.approx(0.4)


def test_ranks_are_within_each_year_and_ties_share_the_average_rank() -> None:
    ewp = _part([("AAA", 2000, 0.5), ("BBB", 2000, 0.1), ("AAA", 2001, 0.1), ("BBB", 2001, 0.1)])
    forecast = _part([("AAA", 2000, 0.5), ("BBB", 2000, 0.1), ("AAA", 2001, 0.2), ("BBB", 2001, 0.1)])
    scores = _scores(ewp, forecast)
    assert scores.at[("AAA", 2000), "score"] == pytest.approx(1.0)
    assert scores.at[("BBB", 2000), "score"] == pytest.approx(0.5)
    assert scores.at[("AAA", 2001), "score"] == pytest.approx((0.75 + 1.0) / 2)  # tied on EWP: 0.75 each


def test_both_parts_are_needed_a_country_missing_one_is_insufficient_data_and_not_ranked() -> None:
    ewp = _part([("AAA", 2000, 0.3), ("BBB", 2000, 0.2)])
    forecast = _part([("AAA", 2000, 0.1), ("BBB", 2000, 0.2), ("ZZZ", 2000, 0.9)])  # EWP does not list ZZZ
    scores = _scores(ewp, forecast)
    assert scores.at[("ZZZ", 2000), "tier"] == INSUFFICIENT and pd.isna(scores.at[("ZZZ", 2000), "score"])
    assert scores.at[("ZZZ", 2000), "coverage"] == pytest.approx(0.5)
    # ZZZ's high forecast is not in anyone's ranks: the two listed countries are ranked between themselves.
    assert scores.at[("BBB", 2000), "score"] == pytest.approx((0.5 + 1.0) / 2)
    assert json.loads(scores.at[("ZZZ", 2000), "contributions"])["ensemble"]["ewp-1"]["value"] is None


def test_the_ewp_part_is_the_foos_list_for_past_years_and_the_current_risk_after_them() -> None:
    foos = pd.DataFrame({"country": ["AAA", "BBB", "AAA"], "period": [2022, 2022, 2023], "risk": [0.1, 0.2, 0.3]})
    current = _part([("AAA", 2023, 0.9), ("BBB", 2023, 0.8), ("AAA", 2024, 0.05), ("BBB", 2024, 0.07)])
    part = ewp_part(foos, current).set_index(["iso3", "period"])
    assert part.at[("AAA", 2023), "value"] == pytest.approx(0.3)  # a year with a FOOS list: FOOS, not current
    assert ("BBB", 2023) not in part.index  # ...and none of the current risks, even for a country it lacks
    assert part.at[("BBB", 2024), "value"] == pytest.approx(0.07) and part.at[("BBB", 2024), "origin"] == "current"
    assert part.at[("AAA", 2022), "origin"] == "ewp-foos"


def test_thresholds_are_on_the_rank_scale_and_the_method_needs_every_part() -> None:
    assert ENSEMBLE.scoring == "ensemble" and ENSEMBLE.coverage_floor == 1.0
    assert list(ENSEMBLE.thresholds.values()) == [0.93, 0.81, 0.62, 0.41, 0.0]
    assert [(p.method, p.past_years) for p in ENSEMBLE.ensemble.parts] == [("ewp-1", "ewp-foos"),
                                                                           ("forecast-1", "stored")]
    assert ENSEMBLE.ensemble.missing_part == "insufficient_data"


def test_on_the_demo_without_forecast_scores_it_stores_nothing(warehouse: Warehouse) -> None:
    with warehouse.write() as connection:
        assert refresh_scores(connection, (ENSEMBLE,)) == {"ensemble-1": 0}


def test_it_is_refreshed_after_forecast_1_whatever_order_it_is_given_in(warehouse: Warehouse) -> None:
    with warehouse.write() as connection:
        stored = refresh_scores(connection, (ENSEMBLE, method("forecast-1"), method("ewp-1")))
    assert list(stored)[-1] == "ensemble-1"


@pytest.mark.slow  # the four EWP files and forecast-1's 32 fits on EWP's panel: about 30 s on one core
def test_on_the_2025_release_past_years_use_foos_the_current_year_ewps_risk(tmp_path: Path) -> None:
    files = [require_shared(f"ewp/{name}") for name in REAL_FILES]
    warehouse = Warehouse(str(tmp_path / "r2p.duckdb"))
    initialise(warehouse, want_demo=False, today=FIXED_TODAY)
    for file in files:
        assert ingest_and_score(warehouse, "ewp", file, user=command_line_user()).status == "loaded"
    stored = query(warehouse, "read/method_scores", {"method_version": "ensemble-1"})
    assert (int(stored["period"].min()), int(stored["period"].max())) == (1993, 2024)
    origins = {int(period): json.loads(text)["ensemble"]["ewp-1"]["origin"]
               for period, text in stored[["period", "contributions"]].to_numpy()}
    assert {origins[y] for y in range(1993, 2024)} == {"ewp-foos"} and origins[2024] == "current"
    table = backtest_table(warehouse, "ensemble-1").set_index(["method", "definition", "subset"])
    row = table.loc[("ensemble-1", "forecast-year", "all")]
    assert (row["first_year"], row["last_year"], row["positives"]) == (1993, 2022, 72)
    assert [row[f"caught_{n}"] for n in (10, 20, 30)] == [27, 40, 51] and round(row["auc"], 3) == 0.867
    quiet = table.loc[("ensemble-1", "forecast-year", "no-ongoing")]
    assert [quiet[k] for k in ("positives", "caught_10", "caught_20", "caught_30")] == [35, 11, 12, 18]
