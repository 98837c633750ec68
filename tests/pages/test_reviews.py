"""Reviews page: overdue first and highlighted, filters, and decisions recorded through the form (editors)."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import duckdb
import pytest
from streamlit.testing.v1 import AppTest

from r2p.access.rights import Role
from r2p.reviews.queue import today
from r2p.reviews.records import list_reviews
from r2p.triggers.escalation import levels
from r2p.warehouse import Warehouse
from tests.helpers.data import FIXED_TODAY
from tests.helpers.pages import reviews_app, texts
from tests.helpers.signin import accounts_file, form, sign_in


@pytest.fixture
def editor_app(with_reviews: Warehouse, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> AppTest:
    """The Reviews page with the editor dana.desk signed in through the sidebar form."""
    accounts_file(tmp_path, monkeypatch, {"dana.desk": Role.EDITOR})
    return sign_in(reviews_app(), "dana.desk")


def _without(warehouse: Warehouse, *tables: str) -> None:
    with warehouse.write() as connection:
        for table in tables:  # test set-up only: nothing in R2P Watch deletes a review or a run record
            connection.execute(f"DELETE FROM {table}")


def test_no_reviews_yet_says_how_they_are_opened_and_when_the_rules_last_ran(warehouse: Warehouse) -> None:
    _without(warehouse, "review")
    shown = texts(reviews_app())
    assert "No review has been opened yet" in shown and "`r2p triggers`" in shown and "DEMO" in shown
    assert "Trigger rules last ran" in shown and f"(as of {FIXED_TODAY}, by r2p init): " in shown


def test_a_warehouse_whose_rules_never_ran_says_so(warehouse: Warehouse) -> None:
    _without(warehouse, "review", "trigger_run")  # as a warehouse built before the rules ran by themselves
    assert "The trigger rules have not run on this warehouse yet" in texts(reviews_app())


def test_each_review_shows_its_level_holder_and_deadline(warehouse: Warehouse) -> None:
    app = reviews_app()
    table = app.dataframe[0].value
    listed = list_reviews(warehouse).set_index("review_id").loc[list(table["review_id"])]
    names = {lvl.number: lvl.name for lvl in levels()}
    assert list(table["level"]) == [f"{n} · {names[n]}" for n in listed["level"]]
    assert list(table["owner"]) == list(listed["owner"]) and "2 · Office director" in set(table["level"])
    assert list(table["due_date"]) == list(listed["due_date"])
    assert "Escalation: 1 Desk officer (Atrocity prevention desk" in texts(app)


def test_overdue_reviews_come_first_and_are_counted(with_reviews: Warehouse) -> None:
    app = reviews_app()
    table = app.dataframe[0].value
    states = list(table["state"])
    assert states == sorted(states, key=["overdue", "open"].index) and {"overdue", "open"} == set(states)
    listed = list_reviews(with_reviews)
    assert [m.value for m in app.metric] == [str((listed["state"] == s).sum()) for s in ("overdue", "open", "decided")]
    assert "past their deadline" in texts(app)


def test_filters_by_state_and_rule(with_reviews: Warehouse) -> None:
    app = reviews_app()
    app.multiselect(key="reviews_states").set_value(["open"]).run()
    assert set(app.dataframe[0].value["state"]) == {"open"}
    rule = app.dataframe[0].value["rule_id"].iloc[0]
    app.multiselect(key="reviews_rules").set_value([rule]).run()
    assert set(app.dataframe[0].value["rule_id"]) == {rule}


def test_the_decision_form_is_hidden_when_nobody_is_signed_in(with_reviews: Warehouse) -> None:
    app = reviews_app()
    assert "Read-only: sign in as editor (or above) to record a decision." in texts(app)
    assert "no sign-in is configured" in texts(app)
    assert not [f for f in app.get("form")] and not app.text_area


def test_deciding_through_the_form_closes_the_review_and_writes_the_audit_log(
        with_reviews: Warehouse, editor_app: AppTest) -> None:
    app = editor_app
    review_id = int(app.dataframe[0].value["review_id"].iloc[0])  # the most overdue one
    decision = form(app, "decision_form")
    decision.selectbox[0].set_value(review_id)
    decision.radio[0].set_value("act")
    decision.text_area[0].input("Convene the desk and brief the envoy this week.")
    decision.button[0].click().run()
    assert not app.exception, app.exception
    assert f"Review #{review_id}: act, recorded by dana.desk." in texts(app)
    decided = list_reviews(with_reviews).set_index("review_id").loc[review_id]
    assert (decided["state"], decided["decision"], decided["decided_by"]) == ("decided", "act", "dana.desk")
    with duckdb.connect(str(with_reviews.current_file()), read_only=True) as connection:
        logged = connection.execute("SELECT actor, after FROM audit_log WHERE action = 'decide' AND entity = 'review'"
                                    " AND entity_id = $id", {"id": str(review_id)}).fetchall()
    assert len(logged) == 1 and logged[0][0] == "dana.desk" and '"act"' in logged[0][1]
    app.multiselect(key="reviews_states").set_value(["decided"]).run()
    shown = app.dataframe[0].value.set_index("review_id").loc[review_id]
    assert shown["decided_by"] == "dana.desk" and "envoy" in shown["rationale"]


def test_a_decision_without_a_rationale_is_refused_and_nothing_changes(
        with_reviews: Warehouse, editor_app: AppTest) -> None:
    app = editor_app
    decision = form(app, "decision_form")
    decision.radio[0].set_value("defer")
    decision.text_area[0].input("short")
    decision.button[0].click().run()
    assert "Give the rationale" in " ".join(e.value for e in app.error)
    assert (list_reviews(with_reviews)["state"] != "decided").all()


def test_deferring_opens_the_follow_up_review_on_the_chosen_date(with_reviews: Warehouse,
                                                                  editor_app: AppTest) -> None:
    app = editor_app
    decision = form(app, "decision_form")
    review_id = int(decision.selectbox[0].value)
    follow_up = today() + timedelta(days=21)
    decision.radio[0].set_value("defer")
    decision.date_input[0].set_value(follow_up)
    decision.text_area[0].input("Wait for the panel of experts' report.")
    decision.button[0].click().run()
    listed = list_reviews(with_reviews).set_index("review_id")
    follow = listed[listed["evidence"].str.startswith(f"Deferred from review #{review_id}:")]
    assert listed.loc[review_id, "decision"] == "defer" and len(follow) == 1
    assert follow["due_date"].iloc[0].date() == follow_up and follow["state"].iloc[0] == "open"
    assert f"Follow-up review #{follow.index[0]} is due {follow_up}." in texts(app)
