"""Digest tests' shared steps: users of each role, a subscription, a newly opened review, the drafts as stored."""

from __future__ import annotations

from datetime import timedelta

import pandas as pd

from r2p.access.rights import Role, User
from r2p.notify.drafts import list_drafts
from r2p.notify.subscriptions import add_subscription, known_countries, parse_subscription
from r2p.reviews.records import Opening, open_review
from r2p.warehouse import Warehouse
from tests.helpers.data import FIXED_TODAY

ADMIN = User("ada.admin", Role.ADMIN, "local account")
EDITOR = User("ed.editor", Role.EDITOR, "local account")
VIEWER = User("vi.viewer", Role.VIEWER, "local account")


def subscribe(warehouse: Warehouse, address: str, countries: str | None = None, min_tier: str | None = None,
              rules: str | None = None, level: int | None = None) -> int:
    """Add a subscription as an admin would; returns its id."""
    subscription = parse_subscription(address, countries, min_tier, rules, level, known_countries(warehouse))
    return add_subscription(warehouse, subscription, ADMIN)


def open_new_review(warehouse: Warehouse, iso3: str, rule_id: str, level: int = 1) -> int:
    """Open one review now, as a trigger firing would; returns its id."""
    opening = Opening(iso3, rule_id, f"Test evidence for {iso3}", "Atrocity prevention desk",
                      FIXED_TODAY + timedelta(days=7), level=level, evidence_key=f"test:{iso3}:{rule_id}")
    with warehouse.write() as connection:
        return open_review(connection, opening, "test", {"rule": rule_id})


def drafts_for(warehouse: Warehouse, address: str) -> pd.DataFrame:
    """The drafts stored for one recipient, newest first."""
    drafts = list_drafts(warehouse)
    return drafts[drafts["recipient"] == address]
