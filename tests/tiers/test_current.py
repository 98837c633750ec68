"""The current period of a tier method: the rule on small frames, and the tester's case (one later `table` row
for one country) through `r2p tiers`, `r2p assess`, the briefing and the trigger rules."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest

from r2p.exports.briefing import gather_briefing
from r2p.read import standings
from r2p.tiers import current_period, current_tiers, tier_table
from r2p.tiers.current import current_period_of, majority_period
from r2p.triggers.apply import evaluate_rules
from r2p.triggers.evaluate import rank_firings
from r2p.triggers.rules import Rule
from r2p.warehouse import Warehouse
from tests.helpers.cli import r2p
from tests.helpers.data import FIXED_TODAY, require_shared
from tests.helpers.later_row import LATER, load_later_row
from tests.helpers.warehouses import copy_of


def _scores(rows: list[tuple[str, int, float, float]]) -> pd.DataFrame:
    return pd.DataFrame(rows, columns=["iso3", "period", "coverage", "stale_share"])


def test_a_year_where_only_one_country_has_fresh_data_is_not_current() -> None:
    scores = _scores([(iso3, 2024, 1.0, 0.0) for iso3 in "ABCD"]
                     + [("A", 2025, 1.0, 0.0)] + [(iso3, 2025, 0.9, 0.9) for iso3 in "BCD"])
    assert current_period_of(scores, 0.6) == 2024


def test_carried_forward_data_counts_for_the_tier_but_not_for_the_current_period() -> None:
    # Every country has a tier in 2025 (coverage 0.8 >= 0.6), but only from values carried forward from 2024.
    scores = _scores([(iso3, 2024, 0.8, 0.1) for iso3 in "ABC"] + [(iso3, 2025, 0.8, 0.8) for iso3 in "ABC"])
    assert current_period_of(scores, 0.6) == 2024
    assert current_period_of(scores, 0.7) == 2024  # 0.8 - 0.1 reaches 0.7 exactly
    assert current_period_of(scores.assign(stale_share=0.0), 0.6) == 2025


def test_the_majority_counts_every_country_the_method_ever_scored() -> None:
    # 2025 has only two rows, both fresh: two of the four countries is half, not more than half.
    scores = _scores([(iso3, 2024, 1.0, 0.0) for iso3 in "ABCD"] + [("A", 2025, 1.0, 0.0), ("B", 2025, 1.0, 0.0)])
    assert current_period_of(scores, 1.0) == 2024
    scores = pd.concat([scores, _scores([("C", 2025, 1.0, 0.0)])])
    assert current_period_of(scores, 1.0) == 2025  # three of four


def test_ties_go_to_the_latest_year() -> None:
    scores = _scores([(iso3, year, 1.0, 0.0) for iso3 in "AB" for year in (2023, 2024)])
    assert current_period_of(scores, 0.6) == 2024
    # No year reaches a majority: the year in which the most countries reach the floor, the latest of equals.
    thin = _scores([("A", 2022, 1.0, 0.0), ("B", 2023, 1.0, 0.0), ("C", 2024, 0.1, 0.0), ("D", 2024, 0.1, 0.0)])
    assert current_period_of(thin, 0.6) == 2023
    # Nobody reaches the floor anywhere: the year with the most fresh data, not a later one carried forward.
    nowhere = _scores([(iso3, 2024, 0.5, 0.0) for iso3 in "AB"] + [(iso3, 2025, 0.5, 0.5) for iso3 in "AB"])
    assert current_period_of(nowhere, 0.6) == 2024
    assert current_period_of(nowhere.assign(stale_share=0.0), 0.6) == 2025  # equal in everything: the latest


def test_no_scores_no_current_period() -> None:
    assert current_period_of(_scores([]), 0.6) is None
    assert majority_period(pd.DataFrame(columns=["iso3", "period", "reached"])) is None


def test_the_reader_applies_the_rule_to_the_stored_scores(warehouse: Warehouse) -> None:
    assert current_period(warehouse, "composite-1") == current_period(warehouse, "composite") == LATER - 1
    assert current_period(warehouse, "ewp-1") == LATER - 1
    assert tier_table(warehouse, "composite-1")["period"].unique().tolist() == [LATER - 1]


@pytest.fixture
def one_later_row(warehouse: Warehouse, tmp_path: Path) -> Warehouse:
    """The tester's case: the demo warehouse, then Chad's battle deaths for one year past the data (`table`)."""
    load_later_row(tmp_path)
    return warehouse


def test_one_later_row_scores_a_later_year_that_is_not_current(one_later_row: Warehouse) -> None:
    periods = standings.scored_periods(one_later_row, "composite-1")["period"].tolist()
    assert periods[0] == LATER  # scored (every country has a tier from carried-forward data) ...
    later = tier_table(one_later_row, "composite-1", LATER)
    assert (later["stale_share"] > 0.5).all()
    assert current_period(one_later_row, "composite-1") == LATER - 1  # ... but not current


def test_tiers_assess_brief_and_triggers_stay_on_the_current_period(one_later_row: Warehouse) -> None:
    printed = json.loads(r2p("tiers", "--format", "json").stdout)
    assert {row["period"] for row in printed} == {LATER - 1}
    later = json.loads(r2p("tiers", "--period", str(LATER), "--format", "json").stdout)
    assert {row["period"] for row in later} == {LATER}  # still there when asked for
    assert set(current_tiers(one_later_row, "composite-1")["period"]) == {LATER - 1}
    briefing = gather_briefing(one_later_row, "TCD", today=FIXED_TODAY)
    assert briefing.snapshot.period == LATER - 1
    assert (briefing.changes.moves["period"] < LATER).all()
    reader = one_later_row.reader().cursor()
    try:
        firings = evaluate_rules(reader)
    finally:
        reader.close()
    tier_keys = [f.evidence_key for f in firings if f.method_version]
    assert tier_keys and all(key.endswith(f":{LATER - 1}") for key in tier_keys)
    assessed = r2p("assess", "TCD", "--tier", "High", "--rationale", "Fighting in the east keeps escalating.",
                   "--by", "Ana")
    assert f"TCD {LATER - 1} High" in assessed.stdout, assessed.stderr


def test_on_the_real_ewp_release_a_later_battle_deaths_row_moves_nothing(
        empty_template_warehouse: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    files = [require_shared(f"ewp/{name}") for name in ("basedata2025_4august2025.csv", "forecasts3Sep2025.csv")]
    real = copy_of(empty_template_warehouse, tmp_path / "r2p.duckdb")
    monkeypatch.setenv("R2P_DB", real.location)
    row = tmp_path / "chad.csv"
    row.write_text("country,indicator,year,value\nTCD,ucdp.battle_deaths,2025,1200\n", encoding="utf-8")
    for source, path in [("ewp", files[0]), ("ewp", files[1]), ("table", row)]:
        assert r2p("ingest", source, str(path)).returncode == 0
    assert standings.scored_periods(real, "composite-1")["period"].iloc[0] == 2025
    assert current_period(real, "composite-1") == current_period(real, "ewp-1") == 2024
    printed = json.loads(r2p("tiers", "--format", "json").stdout)
    assert {row["period"] for row in printed} == {2024}


def test_the_rank_rule_ignores_a_year_where_one_country_has_a_value() -> None:
    rule = Rule(id="r", description="d", review_days=7, kind="rank_enters_top", indicator="ewp.risk_2yr", top=2)
    values = pd.DataFrame({"iso3": ["A", "B", "C", "A", "B", "C", "A"], "period": [2023] * 3 + [2024] * 3 + [2025],
                           "value": [0.3, 0.2, 0.1, 0.1, 0.2, 0.3, 0.9]})
    # 2025 holds A's value alone: A did not "enter the top 2" there; C's entry in 2024 is the current evidence.
    assert [f.evidence_key for f in rank_firings(rule, values)] == ["r:C:2024"]
