"""`r2p tiers`, `r2p triggers`, `r2p reviews`, `r2p decide` and `r2p assess` as a user runs them."""

from __future__ import annotations

import io
import json

import pandas as pd

from r2p.tiers import tier_table
from r2p.warehouse import Warehouse
from tests.helpers.cli import r2p


def test_tiers_prints_the_overview_table_in_each_format(warehouse: Warehouse) -> None:
    shown = pd.read_csv(io.StringIO(r2p("tiers", "--format", "csv").stdout))
    assert list(shown.columns) == ["iso3", "name", "period", "method_version", "score", "tier", "coverage",
                                   "stale_share", "assessed_tier", "assessed_by"]
    expected = tier_table(warehouse, "composite-1")
    assert list(shown["iso3"]) == list(expected["iso3"]) and len(shown) == 198
    as_json = json.loads(r2p("tiers", "--method", "ewp", "--period", "2020", "--format", "json").stdout)
    assert {row["method_version"] for row in as_json} == {"ewp-1"} and {row["period"] for row in as_json} == {2020}
    assert "unknown tier method 'nope'" in r2p("tiers", "--method", "nope").stderr


def test_triggers_are_idempotent_and_reviews_can_be_decided(warehouse: Warehouse) -> None:
    first = r2p("triggers").stdout
    assert first.startswith("Opened ") and not first.startswith("Opened 0 ")
    assert r2p("triggers").stdout.startswith("Opened 0 review(s)")
    reviews = json.loads(r2p("reviews", "--format", "json").stdout)
    target = reviews[0]["review_id"]
    done = r2p("decide", str(target), "--decision", "do not act", "--rationale", "Monitoring suffices.", "--by", "Ana")
    assert done.returncode == 0, done.stderr
    decided = json.loads(r2p("reviews", "--state", "decided", "--format", "json").stdout)
    assert [r["review_id"] for r in decided] == [target] and decided[0]["decided_by"] == "Ana"


def test_assess_records_beside_the_model(warehouse: Warehouse) -> None:
    done = r2p("assess", "mmr", "--tier", "Very high", "--rationale", "Mass atrocities documented by the IIMM.",
               "--by", "Ana")
    assert done.returncode == 0, done.stderr
    row = tier_table(warehouse, "composite-1").set_index("iso3").loc["MMR"]
    assert row["assessed_tier"] == "Very high"
    refused = r2p("assess", "MMR", "--tier", "Severe", "--rationale", "x" * 30, "--by", "Ana")
    assert refused.returncode == 2 and "An assessed tier is one of" in refused.stderr
