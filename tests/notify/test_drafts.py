"""Drafting digests: one per recipient with something new, only what they asked for, each change told once, links
into the dashboard, and the approval gate (editors and above)."""

from __future__ import annotations

from datetime import timedelta

import duckdb
import pytest

from r2p.access.rights import PermissionDenied
from r2p.notify.changes import reading_scope
from r2p.notify.drafts import DigestError, approve_draft, draft_digests, list_drafts
from r2p.reviews.records import list_reviews
from r2p.triggers.escalation import levels
from r2p.triggers.runs import escalate_overdue
from r2p.warehouse import Warehouse
from r2p.warehouse.ingest import ingest
from r2p.warehouse.queries import query
from tests.helpers.data import EXAMPLES, FIXED_TODAY
from tests.helpers.digests import ADMIN, EDITOR, VIEWER, drafts_for, open_new_review, subscribe

DESK, DIRECTOR = levels()[0].recipients[0], levels()[1].recipients[0]


def _movers(warehouse: Warehouse) -> dict[str, tuple[str, str]]:
    scope = reading_scope(warehouse)
    movers = query(warehouse, "read/tier_movers", {"method_version": scope.method.label, "period": scope.period})
    return {row.iso3: (row.from_tier, row.to_tier) for row in movers.itertuples()}


def _body(warehouse: Warehouse, address: str) -> str:
    found = drafts_for(warehouse, address)
    assert len(found) == 1, found
    return str(found["body"].iloc[0])


def test_a_digest_is_drafted_once_and_nothing_new_drafts_nothing(warehouse: Warehouse) -> None:
    subscribe(warehouse, "all@example.org")
    first = draft_digests(warehouse, ADMIN, FIXED_TODAY)
    assert first and set(list_drafts(warehouse)["draft_id"]) == set(first)
    assert draft_digests(warehouse, ADMIN, FIXED_TODAY) == []  # the same changes are never drafted twice
    iso3 = sorted(_movers(warehouse))[0]
    review_id = open_new_review(warehouse, iso3, "tier-rise")
    again = draft_digests(warehouse, ADMIN, FIXED_TODAY)
    body = str(list_drafts(warehouse).set_index("draft_id").loc[again[0], "body"])
    # The new digest covers what changed since the last one: the new review (for the subscriber and the desk), and
    # not the tier moves the first digest told.
    assert len(again) == 2 and f"#{review_id} " in body and "Tier moves" not in body


def test_a_subscriber_gets_the_tier_moves_of_their_countries_at_their_tier_or_higher(warehouse: Warehouse) -> None:
    movers = _movers(warehouse)
    assert movers, "the demo has tier moves in its current period"
    high = [iso3 for iso3, tiers in movers.items() if "Very high" in tiers]
    low = [iso3 for iso3, tiers in movers.items() if "Very high" not in tiers and "High" not in tiers]
    subscribe(warehouse, "all@example.org")
    subscribe(warehouse, "two@example.org", countries=f"{high[0]},{low[0]}")
    subscribe(warehouse, "top@example.org", min_tier="Very high")
    draft_digests(warehouse, ADMIN, FIXED_TODAY)
    everything, two, top = (_body(warehouse, a) for a in ("all@example.org", "two@example.org", "top@example.org"))
    assert all(f"({iso3}):" in everything for iso3 in movers) and f"Tier moves ({len(movers)})" in everything
    assert f"({high[0]}):" in two and f"({low[0]}):" in two and "Tier moves (2)" in two
    assert all(f"({iso3}):" in top for iso3 in high) and f"Tier moves ({len(high)})" in top


def test_reviews_opened_since_subscribing_are_listed_with_permalinks(warehouse: Warehouse,
                                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("R2P_PUBLIC_URL", "https://r2p.example.org/watch/")
    subscribe(warehouse, "rules@example.org", rules="tier-rise")
    before = set(list_reviews(warehouse)["review_id"])
    opened = open_new_review(warehouse, "MMR", "tier-rise")
    surge = open_new_review(warehouse, "SDN", "fatality-spike")
    other = open_new_review(warehouse, "ETH", "ewp-top-30")
    subscribe(warehouse, "all@example.org")
    late = open_new_review(warehouse, "COD", "fatality-spike")
    draft_digests(warehouse, ADMIN, FIXED_TODAY)
    scope = reading_scope(warehouse)
    link = (f"https://r2p.example.org/watch/reviews?country=MMR&period={scope.period}&indicator=ewp.risk_2yr"
            f"&method={scope.method.label}")
    rules = _body(warehouse, "rules@example.org")
    assert f"#{opened} " in rules and link in rules and f"#{surge} " not in rules and f"#{other} " not in rules
    assert not any(f"#{old} " in rules for old in before)  # opened before the subscription
    everything = _body(warehouse, "all@example.org")
    assert f"#{late} " in everything and "Surges (1)" in everything and f"#{opened} " not in everything


def test_each_level_hears_of_the_undecided_reviews_at_its_level_and_escalations(warehouse: Warehouse) -> None:
    subscribe(warehouse, "upper@example.org", level=2)
    reviews = list_reviews(warehouse)
    undecided = reviews[reviews["decision"].isna()]
    draft_digests(warehouse, ADMIN, FIXED_TODAY)
    desk = _body(warehouse, DESK)
    assert all(f"#{r} " in desk for r in undecided.loc[undecided["level"] == 1, "review_id"])
    with warehouse.write() as connection:  # every deadline passed: each undecided level-1 review moves up
        moved = escalate_overdue(connection, FIXED_TODAY + timedelta(days=400), "test")
    assert moved
    new = draft_digests(warehouse, ADMIN, FIXED_TODAY + timedelta(days=400))
    drafts = list_drafts(warehouse).set_index("draft_id").loc[new]
    director = str(drafts.loc[drafts["recipient"] == DIRECTOR, "body"].iloc[0])
    upper = str(drafts.loc[drafts["recipient"] == "upper@example.org", "body"].iloc[0])
    escalated = list_reviews(warehouse).query("level == 2 and decision.isna()")["review_id"]
    for body in (director, upper):
        assert "Reviews escalated" in body and all(f"#{r} " in body for r in escalated)
        assert "escalated to level 2" in body
    assert "Tier moves" not in director  # a level's recipients hear about reviews only


def test_undecided_reviews_past_their_deadline_are_reported_overdue(warehouse: Warehouse) -> None:
    subscribe(warehouse, "all@example.org")
    later = FIXED_TODAY + timedelta(days=400)
    draft_digests(warehouse, ADMIN, later)
    body = _body(warehouse, "all@example.org")
    reviews = list_reviews(warehouse, later)
    overdue = reviews.loc[reviews["state"] == "overdue", "review_id"]
    assert len(overdue) and f"Reviews overdue ({len(overdue)})" in body


def test_loads_since_subscribing_are_reported(warehouse: Warehouse) -> None:
    subscribe(warehouse, "all@example.org")
    loaded = ingest(warehouse, "table", EXAMPLES / "table_long.csv")
    draft_digests(warehouse, ADMIN, FIXED_TODAY)
    body = _body(warehouse, "all@example.org")
    assert "Data loaded (1)" in body and "table_long.csv" in body and f"{loaded.rows_loaded:,} rows" in body


def test_only_an_editor_or_above_approves_once_and_it_is_audited(warehouse: Warehouse) -> None:
    subscribe(warehouse, "all@example.org")
    draft_id = draft_digests(warehouse, ADMIN, FIXED_TODAY)[0]
    with pytest.raises(PermissionDenied, match="editor"):
        approve_draft(warehouse, draft_id, VIEWER)
    with pytest.raises(PermissionDenied):
        draft_digests(warehouse, VIEWER, FIXED_TODAY)
    assert list_drafts(warehouse).set_index("draft_id").loc[draft_id, "state"] == "awaiting approval"
    approve_draft(warehouse, draft_id, EDITOR)
    with pytest.raises(DigestError, match="already approved by ed.editor"):
        approve_draft(warehouse, draft_id, ADMIN)
    with pytest.raises(DigestError, match="no digest #999"):
        approve_draft(warehouse, 999, EDITOR)
    assert list_drafts(warehouse).set_index("draft_id").loc[draft_id, "state"] == "approved"
    with duckdb.connect(str(warehouse.current_file()), read_only=True) as connection:
        logged = connection.execute("SELECT actor FROM audit_log WHERE action = 'approve' AND entity = 'digest' "
                                    "AND entity_id = $id", {"id": str(draft_id)}).fetchall()
    assert logged == [("ed.editor",)]
