"""Reviews: opened once per piece of evidence, closed only by a recorded decision, overdue when late."""

from __future__ import annotations

from datetime import date

import duckdb
import pandas as pd
import pytest

from r2p.access.rights import Role, User
from r2p.reviews.records import Opening, ReviewError, decide, list_reviews, open_review, review_states
from r2p.tiers import tier_table
from r2p.tiers.assessment import AssessmentError, record_assessment
from r2p.triggers.apply import evaluate_rules, open_reviews
from r2p.triggers.evaluate import Firing
from r2p.warehouse import Warehouse

ANA, BEN = User("Ana", Role.EDITOR, "local account"), User("Ben", Role.ADMIN, "oidc")


def _open(warehouse: Warehouse, firings: list[Firing]) -> int:
    with warehouse.write() as connection:
        return open_reviews(connection, firings, today=date(2026, 1, 1))


def test_the_same_evidence_never_opens_a_second_review(unreviewed: Warehouse) -> None:
    warehouse = unreviewed
    firing = Firing("tier-rise", "SDN", "tier-rise:composite-1:SDN:2025", "Moderate → High", "composite-1")
    assert _open(warehouse, [firing, firing]) == 1
    assert _open(warehouse, [firing]) == 0
    reviews = list_reviews(warehouse, today=date(2026, 1, 2))
    assert len(reviews) == 1 and reviews.iloc[0]["due_date"] == pd.Timestamp("2026-01-15")


def test_a_rule_firing_on_the_warehouse_opens_exactly_one_review_each(unreviewed: Warehouse) -> None:
    warehouse = unreviewed
    with warehouse.write() as connection:
        firings = evaluate_rules(connection)
        first = open_reviews(connection, firings)
    with warehouse.write() as connection:
        again = open_reviews(connection, evaluate_rules(connection))
    assert first == len({(f.rule_id, f.iso3) for f in firings}) > 0 and again == 0


def test_decisions_close_reviews_and_are_audited(unreviewed: Warehouse) -> None:
    warehouse = unreviewed
    _open(warehouse, [Firing("tier-rise", "SDN", "k1", "e"), Firing("ewp-top-30", "MMR", "k2", "e")])
    ids = dict(zip(list_reviews(warehouse)["iso3"], list_reviews(warehouse)["review_id"], strict=True))
    with pytest.raises(ReviewError, match="rationale"):
        decide(warehouse, ids["SDN"], "act", "short", ANA)
    with pytest.raises(ReviewError, match="one of"):
        decide(warehouse, ids["SDN"], "ignore", "A long enough reason", ANA)
    assert decide(warehouse, ids["SDN"], "act", "Convene the desk; brief the SA.", ANA) is None
    with pytest.raises(ReviewError, match="already decided"):
        decide(warehouse, ids["SDN"], "do not act", "Changed my mind entirely", ANA)
    follow = decide(warehouse, ids["MMR"], "defer", "Wait for the field report.", BEN, date(2026, 3, 1))
    states = list_reviews(warehouse).set_index("review_id")["state"]
    assert states[ids["SDN"]] == "decided" and states[ids["MMR"]] == "decided" and states[follow] in ("open", "overdue")
    with duckdb.connect(str(warehouse.current_file()), read_only=True) as connection:
        actions = connection.execute("SELECT action, actor FROM audit_log WHERE entity = 'review' ORDER BY audit_id"
                                     ).fetchall()
    assert actions[-3:] == [("decide", "Ana"), ("decide", "Ben"), ("open", "Ben")]


def test_one_function_opens_a_review_for_a_trigger_and_for_a_deferral(unreviewed: Warehouse) -> None:
    warehouse = unreviewed
    with warehouse.write() as connection:
        opened = open_review(connection, Opening("SDN", "tier-rise", "Moderate → High", "desk", date(2026, 2, 1),
                                                 "composite-1", "key-1"), "Ana", {"why": "test"})
    follow = decide(warehouse, opened, "defer", "Wait for the field report.", BEN, date(2026, 3, 1))
    reviews = list_reviews(warehouse, today=date(2026, 1, 2)).set_index("review_id")
    assert reviews.loc[opened, ["iso3", "rule_id", "owner", "decision"]].tolist() == ["SDN", "tier-rise", "desk",
                                                                                      "defer"]
    later = reviews.loc[follow]
    assert (later["iso3"], later["rule_id"], later["owner"], later["state"]) == ("SDN", "tier-rise", "desk", "open")
    assert later["evidence"] == f"Deferred from review #{opened}: Moderate → High"
    assert later["due_date"] == pd.Timestamp("2026-03-01")
    with duckdb.connect(str(warehouse.current_file()), read_only=True) as connection:
        opens = connection.execute("SELECT entity_id, actor FROM audit_log WHERE action = 'open' ORDER BY audit_id"
                                   ).fetchall()
    assert opens[-2:] == [(str(opened), "Ana"), (str(follow), "Ben")]


def test_undecided_reviews_past_due_are_overdue() -> None:
    reviews = pd.DataFrame({"due_date": ["2026-01-10", "2026-01-10", "2026-02-01"], "decision": [None, "act", None]})
    assert list(review_states(reviews, date(2026, 1, 11))) == ["overdue", "decided", "open"]


def test_an_assessment_stands_beside_the_model_tier(warehouse: Warehouse) -> None:
    before = tier_table(warehouse, "composite-1").set_index("iso3").loc["SDN"]
    other = "Very high" if before["tier"] != "Very high" else "Low"
    record_assessment(warehouse, "SDN", int(before["period"]), other, "Field reporting contradicts the model.", ANA)
    after = tier_table(warehouse, "composite-1").set_index("iso3").loc["SDN"]
    assert (after["tier"], after["score"]) == (before["tier"], before["score"])
    assert (after["assessed_tier"], after["assessed_by"]) == (other, "Ana")
    with pytest.raises(AssessmentError, match="rationale"):
        record_assessment(warehouse, "SDN", 2025, "High", "too short", ANA)
