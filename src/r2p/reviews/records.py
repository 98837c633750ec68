"""Reviews opened by triggers: listed with their state, and closed only by a recorded decision."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pandas as pd

from r2p.access.rights import User, require
from r2p.warehouse.audit import audit
from r2p.warehouse.queries import query
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
    """Record a decision; `defer` needs a follow-up due date and opens the follow-up review (its id is returned).

    Raises PermissionDenied, before anything is opened, unless the user's role may decide.
    """
    require(user, "decide")
    _check_decision(decision, rationale, follow_up_due)
    who = user.name
    with warehouse.write() as connection:
        rows = connection.execute("SELECT iso3, rule_id, evidence, owner, decision, method_version FROM review"
                                  " WHERE review_id = $id", {"id": review_id}).fetchall()
        if not rows:
            raise ReviewError(f"There is no review #{review_id}.")
        iso3, rule_id, evidence, owner, previous, method_version = rows[0]
        if previous is not None:
            raise ReviewError(f"Review #{review_id} was already decided ({previous}); decisions are not overwritten.")
        now = datetime.now(UTC)
        connection.execute("UPDATE review SET decision = $d, rationale = $r, decided_by = $w, decided_at = $at"
                           " WHERE review_id = $id", {"d": decision, "r": rationale.strip(), "w": who, "at": now,
                                                      "id": review_id})
        audit(connection, "decide", "review", str(review_id), {"decision": None},
              {"decision": decision, "rationale": rationale.strip()}, who)
        if decision != "defer":
            return None
        follow = connection.execute(
            "INSERT INTO review (iso3, rule_id, evidence, opened_at, owner, due_date, method_version)"
            " VALUES ($iso3, $rule, $evidence, $at, $owner, $due, $method) RETURNING review_id",
            {"iso3": iso3, "rule": rule_id, "evidence": f"Deferred from review #{review_id}: {evidence}", "at": now,
             "owner": owner, "due": follow_up_due, "method": method_version}).fetchall()[0][0]
        audit(connection, "open", "review", str(follow), None, {"deferred_from": review_id}, who)
        return int(follow)


def _check_decision(decision: str, rationale: str, follow_up_due: date | None) -> None:
    if decision not in DECISIONS:
        raise ReviewError(f"A decision is one of: {', '.join(DECISIONS)}.")
    if len(rationale.strip()) < MIN_RATIONALE:
        raise ReviewError(f"Give the rationale for the decision (at least {MIN_RATIONALE} characters).")
    if decision == "defer" and follow_up_due is None:
        raise ReviewError("Deferring needs the date by which the review comes back.")
