"""A trigger run: escalate overdue reviews, evaluate every rule, open reviews, and record the run (one write)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime

import duckdb
import pandas as pd

from r2p.triggers.apply import evaluate_rules, open_reviews
from r2p.triggers.escalation import escalations, levels
from r2p.triggers.evaluate import Firing
from r2p.warehouse.audit import audit
from r2p.warehouse.queries import query, run
from r2p.warehouse.store import Warehouse


@dataclass(frozen=True)
class TriggerRun:
    """What one run did, as of which day."""

    as_of: date
    firings: int
    opened: int
    escalated: int

    def summary(self) -> str:
        return (f"Trigger rules as of {self.as_of}: {self.firings} firing(s), {self.opened} review(s) opened, "
                f"{self.escalated} escalated.")


def run_triggers(connection: duckdb.DuckDBPyConnection, who: str, as_of: date | None = None,
                 firings: list[Firing] | None = None) -> TriggerRun:
    """Inside the caller's write: move overdue reviews up one level, open a review per new firing, record the run.

    `as_of` (default: today, UTC) is the day everything is computed as of: events dated up to it, tier and rank
    periods up to its year, and deadlines (overdue before it; new ones counted from it). `who` names the person or
    command that ran the rules (`r2p init`, `r2p ingest ucdp (ana)`). `firings`: the rules already evaluated as of
    `as_of` on another connection (`r2p triggers` evaluates through the reader, which sees Parquet events)."""
    as_of = as_of or datetime.now(UTC).date()
    escalated = escalate_overdue(connection, as_of, who)
    firings = evaluate_rules(connection, as_of) if firings is None else firings
    opened = open_reviews(connection, firings, as_of, who)
    done = TriggerRun(as_of, len(firings), opened, escalated)
    # NOTE: the run itself is recorded here rather than in the audit log: every review it opens or moves is audited.
    run(connection, "write/record_trigger_run", {"ran_at": datetime.now(UTC), "as_of": as_of, "ran_by": who,
                                                 "firings": done.firings, "opened": opened, "escalated": escalated})
    return done


def escalate_overdue(connection: duckdb.DuckDBPyConnection, as_of: date, who: str) -> int:
    """Move every undecided review whose deadline passed before `as_of` up one level (the last level keeps its
    reviews, overdue); each move is audited as `escalate` on the review. Returns how many moved."""
    moves = escalations(run(connection, "read/review_deadlines"), as_of, levels())
    for move in moves:
        run(connection, "write/escalate_review", {"level": move.new_level, "owner": move.new_holder,
                                                  "due_date": move.new_deadline, "review_id": move.review_id})
        audit(connection, "escalate", "review", str(move.review_id),
              {"level": move.old_level, "holder": move.old_holder, "deadline": str(move.old_deadline)},
              {"level": move.new_level, "holder": move.new_holder, "deadline": str(move.new_deadline)}, who)
    return len(moves)


def last_trigger_run(warehouse: Warehouse) -> dict | None:
    """The latest recorded run (ran_at, as_of, ran_by, firings, opened, escalated), or None if none has run."""
    runs: pd.DataFrame = query(warehouse, "read/last_trigger_run")
    return None if runs.empty else runs.iloc[0].to_dict()
