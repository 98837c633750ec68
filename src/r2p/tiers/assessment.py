"""Analyst assessments: a tier with its rationale, stored beside the model's tier and never overwriting it."""

from __future__ import annotations

from datetime import UTC, datetime

from r2p.access.rights import User, require
from r2p.vocabulary import INSUFFICIENT, TIERS
from r2p.warehouse.audit import audit
from r2p.warehouse.queries import run
from r2p.warehouse.store import Warehouse

MIN_RATIONALE = 20


class AssessmentError(ValueError):
    """An assessment that cannot be recorded; the message says why."""


def record_assessment(warehouse: Warehouse, iso3: str, period: int, tier: str, rationale: str, user: User) -> int:
    """Append an assessment (the latest per country and period is the one shown); returns its id.

    Raises PermissionDenied, before anything is opened, unless the user's role may assess.
    """
    require(user, "assess")
    if tier not in (*TIERS, INSUFFICIENT):
        raise AssessmentError(f"An assessed tier is one of: {', '.join((*TIERS, INSUFFICIENT))}.")
    if len(rationale.strip()) < MIN_RATIONALE:
        raise AssessmentError(f"Explain the assessment (a rationale of at least {MIN_RATIONALE} characters).")
    with warehouse.write() as connection:
        if not int(run(connection, "read/country_known", {"iso3": iso3})["known"].iloc[0]):
            raise AssessmentError(f"Unknown country {iso3!r}.")
        assessment_id = int(run(connection, "write/add_assessment", {
            "iso3": iso3, "period": period, "tier": tier, "rationale": rationale.strip(), "author": user.name,
            "created_at": datetime.now(UTC)})["assessment_id"].iloc[0])
        audit(connection, "assess", "assessment", str(assessment_id), None,
              {"iso3": iso3, "period": period, "tier": tier, "rationale": rationale.strip()}, user.name)
    return assessment_id
