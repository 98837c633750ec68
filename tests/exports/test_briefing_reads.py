"""The warehouse-wide reads a briefing holds per warehouse version: a write shows in the next briefing, and no
briefing can change what another one is handed."""

from __future__ import annotations

from datetime import date, timedelta

import pandas as pd

from r2p.access.rights import Role, User
from r2p.engagement.edits import end_engagement
from r2p.exports.briefing import Briefing, gather_briefing
from r2p.reviews.records import decide
from r2p.tiers.assessment import record_assessment
from r2p.triggers.apply import evaluate_rules, open_reviews
from r2p.warehouse import Warehouse
from tests.helpers.data import FIXED_TODAY

SINCE = date(2023, 6, 1)
EDITOR = User("A. Analyst", Role.EDITOR, "oidc")


def test_a_write_shows_in_the_next_briefing(warehouse: Warehouse) -> None:
    with warehouse.write() as connection:
        open_reviews(connection, evaluate_rules(connection), today=date(2026, 6, 1))
    before = gather_briefing(warehouse, "SDN", SINCE, None, FIXED_TODAY)
    gather_briefing(warehouse, "NOR", SINCE, None, FIXED_TODAY)  # the held reads serve another country too
    engaged = before.situation.engaged
    ending = engaged[engaged["label"] == "UNISFA"].iloc[0]
    ended_on = FIXED_TODAY - timedelta(days=1)
    end_engagement(warehouse, int(ending["engagement_id"]), ended_on, "The mandate was not renewed.", EDITOR)
    record_assessment(warehouse, "SDN", 2025, "Very high", "Field reports point to mass killing.", EDITOR)
    review = int(before.pending["review_id"].iloc[0])

    after = gather_briefing(warehouse, "SDN", SINCE, None, FIXED_TODAY)
    assert ending["engagement_id"] not in set(after.situation.engaged["engagement_id"])
    ended = after.changes.ended
    assert ending["engagement_id"] in set(ended["engagement_id"])
    assert ending["engagement_id"] not in set(before.changes.ended["engagement_id"])
    assert after.changes.assessments["assessed_tier"].tolist()[-1] == "Very high"
    decide(warehouse, review, "act", "The panel of experts confirmed it.", EDITOR)
    decided = gather_briefing(warehouse, "SDN", SINCE, None, FIXED_TODAY)
    assert review in set(decided.changes.decided["review_id"]) - set(after.changes.decided["review_id"])
    assert review not in set(decided.pending["review_id"])


def test_changing_one_briefing_leaves_the_next_as_it_was(warehouse: Warehouse) -> None:
    first = gather_briefing(warehouse, "SDN", SINCE, None, FIXED_TODAY)
    kept = {name: frame.copy() for name, frame in _frames(first).items()}
    for frame in _frames(first).values():
        frame.columns = [f"changed {column}" for column in frame.columns]
    again = _frames(gather_briefing(warehouse, "SDN", SINCE, None, FIXED_TODAY))
    assert all(len(frame) for frame in again.values())
    for name, frame in kept.items():
        pd.testing.assert_frame_equal(again[name], frame)


def _frames(brief: Briefing) -> dict[str, pd.DataFrame]:
    return {"sources": brief.sources, "invitees": brief.invitees, "pending": brief.pending,
            "engaged": brief.situation.engaged, "rows": brief.situation.rows, "ranked": brief.situation.ranked,
            "started": brief.changes.started}
