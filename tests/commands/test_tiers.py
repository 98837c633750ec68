"""`r2p tiers`, `r2p triggers`, `r2p reviews`, `r2p decide` and `r2p assess` as a user runs them."""

from __future__ import annotations

import io
import json
from datetime import date, timedelta

import pandas as pd

from r2p.tiers import tier_table
from r2p.triggers.escalation import levels
from r2p.warehouse import Warehouse
from tests.helpers.cli import r2p
from tests.helpers.data import FIXED_TODAY


def test_tiers_prints_the_overview_table_in_each_format(warehouse: Warehouse) -> None:
    shown = pd.read_csv(io.StringIO(r2p("tiers", "--format", "csv").stdout))
    assert list(shown.columns) == ["iso3", "name", "period", "method_version", "score", "tier", "coverage",
                                   "stale_share", "assessed_tier", "assessed_by"]
    expected = tier_table(warehouse, "composite-1")
    assert list(shown["iso3"]) == list(expected["iso3"]) and len(shown) == 198
    as_json = json.loads(r2p("tiers", "--method", "ewp", "--period", "2020", "--format", "json").stdout)
    assert {row["method_version"] for row in as_json} == {"ewp-1"} and {row["period"] for row in as_json} == {2020}
    assert "unknown tier method 'nope'" in r2p("tiers", "--method", "nope").stderr


def test_init_opened_the_reviews_and_a_second_run_opens_none_and_reviews_can_be_decided(warehouse: Warehouse) -> None:
    reviews = json.loads(r2p("reviews", "--format", "json").stdout)
    assert reviews, "r2p init runs the trigger rules"
    assert {"level", "holder", "deadline"} <= set(reviews[0])
    assert {r["level"] for r in reviews} <= {lvl.number for lvl in levels()}
    assert all(date.fromisoformat(r["deadline"]) > FIXED_TODAY for r in reviews)  # init ran as of FIXED_TODAY
    again = r2p("triggers", "--as-of", str(FIXED_TODAY), "--by", "Ana")
    assert again.returncode == 0, again.stderr
    assert again.stdout.startswith(f"Trigger rules as of {FIXED_TODAY}: ")
    assert "0 review(s) opened, 0 escalated." in again.stdout
    target = reviews[0]["review_id"]
    done = r2p("decide", str(target), "--decision", "do not act", "--rationale", "Monitoring suffices.", "--by", "Ana")
    assert done.returncode == 0, done.stderr
    decided = json.loads(r2p("reviews", "--state", "decided", "--format", "json").stdout)
    assert [r["review_id"] for r in decided] == [target] and decided[0]["decided_by"] == "Ana"


def test_triggers_as_of_a_later_date_escalates_what_is_overdue_then(warehouse: Warehouse) -> None:
    before = json.loads(r2p("reviews", "--format", "json").stdout)
    day = min(date.fromisoformat(r["deadline"]) for r in before) + timedelta(days=1)
    overdue = {r["review_id"] for r in before if date.fromisoformat(r["deadline"]) < day}
    ran = r2p("triggers", "--as-of", str(day))
    assert ran.returncode == 0, ran.stderr
    assert f"0 review(s) opened, {len(overdue)} escalated." in ran.stdout and overdue
    after = {r["review_id"]: r for r in json.loads(r2p("reviews", "--format", "json").stdout)}
    for review in before:
        moved = after[review["review_id"]]
        if review["review_id"] in overdue:
            target = levels()[review["level"]]
            assert (moved["level"], moved["holder"]) == (review["level"] + 1, target.holder)
            assert moved["deadline"] == str(day + timedelta(days=target.decision_days))
        else:
            assert (moved["level"], moved["deadline"]) == (review["level"], review["deadline"])


def test_as_of_is_explained_and_checked() -> None:
    shown = " ".join(r2p("triggers", "--help").stdout.replace("│", " ").split())  # the help box's borders out
    assert "as if today were this date" in shown and "events dated up to it" in shown
    refused = r2p("triggers", "--as-of", "2026-13-01")
    assert refused.returncode == 2 and "--as-of '2026-13-01' is not a date" in refused.stderr


def test_assess_records_beside_the_model(warehouse: Warehouse) -> None:
    done = r2p("assess", "mmr", "--tier", "Very high", "--rationale", "Mass atrocities documented by the IIMM.",
               "--by", "Ana")
    assert done.returncode == 0, done.stderr
    row = tier_table(warehouse, "composite-1").set_index("iso3").loc["MMR"]
    assert row["assessed_tier"] == "Very high"
    refused = r2p("assess", "MMR", "--tier", "Severe", "--rationale", "x" * 30, "--by", "Ana")
    assert refused.returncode == 2 and "An assessed tier is one of" in refused.stderr
