"""Reviews opened by triggers: listed with their state, and closed only by a recorded decision."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime

import duckdb
import pandas as pd

from r2p.access.rights import User, require
from r2p.warehouse.audit import audit
from r2p.warehouse.queries import query, run, sql
from r2p.warehouse.store import Warehouse

DECISIONS = ("act", "do not act", "defer")
MIN_RATIONALE = 10


class ReviewError(ValueError):
    """A decision that cannot be recorded; the message says why."""


def review_states(reviews: pd.DataFrame, today: date) -> pd.Series:
    """decided / overdue (undecided past its due date) / open."""
    due = pd.to_datetime(reviews["due_date"]).dt.date
    state = pd.Series("open", index=reviews.index, dtype="object")
    state[reviews["decision"].isna() & (due < today)] = "overdue"
    state[reviews["decision"].notna()] = "decided"
    return state


def list_reviews(warehouse: Warehouse, today: date | None = None) -> pd.DataFrame:
    """Every review, newest first, with country name and state."""
    reviews = query(warehouse, "read/reviews")
    return reviews.assign(state=review_states(reviews, today or datetime.now(UTC).date()))


def decide(warehouse: Warehouse, review_id: int, decision: str, rationale: str, user: User,
           follow_up_due: date | None = None) -> int | None:
    """Record a decision; `defer` needs a follow-up due date and opens the follow-up review (its id is returned),
    at the deferred review's level and with its holder.

    Raises PermissionDenied, before anything is opened, unless the user's role may decide.
    """
    require(user, "decide")
    _check_decision(decision, rationale, follow_up_due)
    who = user.name
    with warehouse.write() as connection:
        cursor = connection.execute(sql("read/review"), {"review_id": review_id})
        rows = cursor.fetchall()
        if not rows:
            raise ReviewError(f"There is no review #{review_id}.")
        review = dict(zip([column[0] for column in cursor.description], rows[0], strict=True))
        if review["decision"] is not None:
            raise ReviewError(f"Review #{review_id} was already decided ({review['decision']}); decisions are not "
                              "overwritten.")
        run(connection, "write/decide_review", {"decision": decision, "rationale": rationale.strip(),
                                                "decided_by": who, "decided_at": datetime.now(UTC),
                                                "review_id": review_id})
        audit(connection, "decide", "review", str(review_id), {"decision": None},
              {"decision": decision, "rationale": rationale.strip()}, who)
        if decision != "defer" or follow_up_due is None:
            return None
        return open_review(connection, Opening(
            iso3=review["iso3"], rule_id=review["rule_id"], owner=review["owner"], due_date=follow_up_due,
            evidence=f"Deferred from review #{review_id}: {review['evidence']}",
            method_version=review["method_version"], level=int(review["level"] or 1)),
            who, {"deferred_from": review_id, "level": int(review["level"] or 1)})


@dataclass(frozen=True)
class Opening:
    """What a new review is about: the country, the rule and its evidence, who holds it, at which escalation level
    (1 is the first) and when it is due."""

    iso3: str
    rule_id: str
    evidence: str
    owner: str
    due_date: date
    method_version: str | None = None
    evidence_key: str | None = None  # what fired it: the same evidence never opens a second review
    level: int = 1


def open_review(connection: duckdb.DuckDBPyConnection, opening: Opening, who: str, audited: dict) -> int:
    """Open one review and log it in the audit trail, inside the caller's write; returns its id.

    The one way a review opens: a trigger firing (r2p/triggers/apply.py) and a deferred decision (above).
    """
    review_id = int(run(connection, "write/open_review", {
        "iso3": opening.iso3, "rule_id": opening.rule_id, "evidence": opening.evidence,
        "opened_at": datetime.now(UTC), "owner": opening.owner, "due_date": opening.due_date,
        "evidence_key": opening.evidence_key, "method_version": opening.method_version,
        "level": opening.level})["review_id"].iloc[0])
    audit(connection, "open", "review", str(review_id), None, audited, who)
    return review_id


def _check_decision(decision: str, rationale: str, follow_up_due: date | None) -> None:
    if decision not in DECISIONS:
        raise ReviewError(f"A decision is one of: {', '.join(DECISIONS)}.")
    if len(rationale.strip()) < MIN_RATIONALE:
        raise ReviewError(f"Give the rationale for the decision (at least {MIN_RATIONALE} characters).")
    if decision == "defer" and follow_up_due is None:
        raise ReviewError("Deferring needs the date by which the review comes back.")
