"""Data & methods: the trigger rules' track record, as a person reads it on the demo."""

from __future__ import annotations

from r2p.reviews.records import list_reviews
from r2p.triggers.rules import rule_book
from r2p.triggers.track_record import BACKTESTED
from r2p.warehouse import Warehouse
from tests.helpers.pages import reviews_app, texts


def test_each_rule_shows_its_reviews_and_the_replay_on_history(warehouse: Warehouse) -> None:
    app = reviews_app("pages/data_methods.py")
    assert "Track record of the trigger rules" in texts(app)
    reviews = next(frame.value for frame in app.dataframe if "opened_by_year" in frame.value.columns)
    opened = list_reviews(warehouse)["rule_id"].value_counts()
    assert list(reviews["rule_id"]) == [rule.id for rule in rule_book().rules]
    assert dict(zip(reviews["rule_id"], reviews["opened"], strict=True)) == {
        rule.id: int(opened.get(rule.id, 0)) for rule in rule_book().rules}
    history = next(frame.value for frame in app.dataframe if "onsets" in frame.value.columns)
    assert list(history["rule_id"]) == [rule.id for rule in rule_book().rules if rule.kind in BACKTESTED]
    assert "when the rule fired for the country in one of the two years before it" in texts(app)
