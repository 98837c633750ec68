"""Export fixtures: one warm chart renderer for the whole session, and a demo warehouse with reviews and an
assessment, so every section of the briefing pack has something to say."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest

from r2p.access.rights import Role, User
from r2p.exports import renderer
from r2p.reviews.records import decide, list_reviews
from r2p.tiers.assessment import record_assessment
from r2p.triggers.apply import evaluate_rules, open_reviews
from r2p.warehouse import Warehouse
from tests.helpers.data import FIXED_TODAY
from tests.helpers.warehouses import copy_of

MARKING = "OFFICIAL USE ONLY"


@pytest.fixture(scope="session")
def warm_renderer() -> Iterator[None]:
    """Chromium started once (~5 s) and shared by every export test in the session."""
    renderer.warm_up()
    yield


@pytest.fixture
def marked(monkeypatch: pytest.MonkeyPatch) -> str:
    """A handling marking other than the default, set as R2P_HANDLING_MARKING."""
    monkeypatch.setenv("R2P_HANDLING_MARKING", MARKING)
    return MARKING


@pytest.fixture(scope="session")
def briefed(template_warehouse: Path, tmp_path_factory: pytest.TempPathFactory) -> Warehouse:
    """A copy of the demo warehouse after `r2p triggers`, Sudan's review deferred (so one decided and its
    follow-up open) and an analyst's assessment of Sudan recorded. Shared: tests only read it."""
    warehouse = copy_of(template_warehouse, tmp_path_factory.mktemp("briefed") / "r2p.duckdb")
    with warehouse.write() as connection:
        open_reviews(connection, evaluate_rules(connection), today=date(2026, 6, 1))
    reviews = list_reviews(warehouse, FIXED_TODAY)
    sudan = reviews[reviews["iso3"] == "SDN"].sort_values("review_id")
    assert len(sudan) >= 1, "the demo data should open at least one review for Sudan"
    decide(warehouse, int(sudan["review_id"].iloc[0]), "defer", "Wait for the panel of experts' report.",
           User("A. Analyst", Role.EDITOR, "oidc"),
           follow_up_due=date(2026, 12, 15))
    record_assessment(warehouse, "SDN", 2025, "High", "Field reports point to escalation in Darfur.",
                      User("B. Analyst", Role.EDITOR, "oidc"))
    return warehouse
