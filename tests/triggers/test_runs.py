"""A trigger run on the demo warehouse: reviews opened at their rule's level, overdue ones escalated, runs recorded."""

from __future__ import annotations

import json
from datetime import date, timedelta

import duckdb
import pandas as pd

from r2p.access.rights import Role, User
from r2p.reviews.records import decide, list_reviews
from r2p.triggers.apply import evaluate_rules
from r2p.triggers.escalation import levels
from r2p.triggers.rules import rule_book
from r2p.triggers.runs import last_trigger_run, run_triggers
from r2p.warehouse import Warehouse

AS_OF = date(2026, 6, 1)


def _run(warehouse: Warehouse, as_of: date, who: str = "test") -> object:
    with warehouse.write() as connection:
        return run_triggers(connection, who, as_of)


def _audited(warehouse: Warehouse, action: str) -> list[tuple]:
    with duckdb.connect(str(warehouse.current_file()), read_only=True) as connection:
        return connection.execute("SELECT entity, entity_id, before, after, actor FROM audit_log WHERE action = $a"
                                  " ORDER BY audit_id", {"a": action}).fetchall()


def test_a_run_opens_each_review_at_its_rules_level_and_is_recorded(unreviewed: Warehouse) -> None:
    done = _run(unreviewed, AS_OF, "r2p triggers (ana)")
    reviews = list_reviews(unreviewed, AS_OF)
    assert done.opened == len(reviews) > 0 and done.escalated == 0
    rules = {rule.id: rule for rule in rule_book().rules}
    for review in reviews.itertuples():
        rule = rules[review.rule_id]
        at = levels()[rule.opens_at_level - 1]
        assert (review.level, review.owner) == (at.number, at.holder)
        assert review.due_date.date() == AS_OF + timedelta(days=rule.review_days or at.decision_days)
    assert (reviews["level"] == 2).any(), "the demo has a country crossing into Very high"
    last = last_trigger_run(unreviewed)
    assert (last["as_of"].date(), last["ran_by"], last["firings"], last["opened"], last["escalated"]) == (
        AS_OF, "r2p triggers (ana)", done.firings, done.opened, 0)


def test_overdue_reviews_climb_one_level_per_run_audited_and_stay_at_the_top(unreviewed: Warehouse) -> None:
    _run(unreviewed, AS_OF)
    opened = list_reviews(unreviewed, AS_OF).set_index("review_id")
    decided = int(opened.index[0])
    decide(unreviewed, decided, "act", "Convene the desk this week.", User("Ana", Role.EDITOR, "local account"))
    later = opened["due_date"].max().date() + timedelta(days=1)  # every deadline has passed
    done = _run(unreviewed, later)
    moved = list_reviews(unreviewed, later).set_index("review_id")
    climbed = opened.index.drop(decided)
    assert done.escalated == len(climbed) and done.opened == 0
    assert (moved.loc[climbed, "level"] == opened.loc[climbed, "level"] + 1).all()
    for review_id in climbed:
        target = levels()[int(moved.loc[review_id, "level"]) - 1]
        assert moved.loc[review_id, "owner"] == target.holder
        assert moved.loc[review_id, "due_date"].date() == later + timedelta(days=target.decision_days)
    assert moved.loc[decided, ["level", "owner"]].tolist() == opened.loc[decided, ["level", "owner"]].tolist()
    logged = _audited(unreviewed, "escalate")
    assert {(entity, int(entity_id)) for entity, entity_id, *_ in logged} == {("review", int(i)) for i in climbed}
    first = next(row for row in logged if int(row[1]) == int(climbed[0]))
    assert json.loads(first[2])["level"] == int(opened.loc[climbed[0], "level"])
    assert json.loads(first[3]) == {"level": int(moved.loc[climbed[0], "level"]),
                                    "holder": moved.loc[climbed[0], "owner"],
                                    "deadline": str(moved.loc[climbed[0], "due_date"].date())}
    # Far beyond every deadline: each run lifts a level until the last, where reviews stay, overdue.
    day = later
    for _ in range(len(levels())):
        day += timedelta(days=400)
        _run(unreviewed, day)
    top = list_reviews(unreviewed, day).set_index("review_id").loc[climbed]
    assert (top["level"] == len(levels())).all() and (top["state"] == "overdue").all()
    assert _run(unreviewed, day + timedelta(days=1)).escalated == 0


def test_a_deferred_follow_up_keeps_the_level_and_holder(unreviewed: Warehouse) -> None:
    _run(unreviewed, AS_OF)
    reviews = list_reviews(unreviewed, AS_OF)
    high = reviews[reviews["level"] == 2].iloc[0]
    follow = decide(unreviewed, int(high["review_id"]), "defer", "Wait for the field report.",
                    User("Ben", Role.ADMIN, "oidc"), AS_OF + timedelta(days=30))
    later = list_reviews(unreviewed, AS_OF).set_index("review_id").loc[follow]
    assert (later["level"], later["owner"]) == (2, high["owner"])


def test_as_of_a_past_date_sees_only_what_was_there_then(unreviewed: Warehouse) -> None:
    with unreviewed.write() as connection:
        now = evaluate_rules(connection, date(2026, 11, 23))
        then = evaluate_rules(connection, date(2010, 6, 1))
    assert now and then and {f.evidence_key for f in now}.isdisjoint({f.evidence_key for f in then})
    tier_periods = {int(f.evidence_key.rsplit(":", 1)[1]) for f in then if f.method_version}
    assert tier_periods == {2010}
    spikes = [f for f in then if f.rule_id.endswith("spike")]
    assert all(pd.Timestamp(f.evidence.split(" to ")[1].split(";")[0]) <= pd.Timestamp("2010-06-01") for f in spikes)
