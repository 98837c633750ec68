"""`r2p tiers`, `r2p assess`, `r2p triggers`, `r2p reviews` and `r2p decide`."""

from __future__ import annotations

from datetime import date
from typing import Annotated

import pandas as pd
import typer

from r2p.access.rights import Role, User, command_line_user, require
from r2p.commands.output import Format, emit
from r2p.reviews.records import DECISIONS, ReviewError, decide, list_reviews
from r2p.tiers import current_period, scored_methods, tier_table
from r2p.tiers.assessment import AssessmentError, record_assessment
from r2p.tiers.method import TierMethod, resolve_method
from r2p.triggers.apply import evaluate_rules
from r2p.triggers.runs import run_triggers
from r2p.warehouse import Warehouse

FORMAT = typer.Option("--format", help="table, csv or json.")
AS_OF_HELP = ("Run as if today were this date (YYYY-MM-DD; default: today, UTC): events dated up to it, tier and "
              "rank periods (years) up to its year, a review overdue when its deadline is before it, and new "
              "deadlines counted from it. Tier scores are the ones held now, not the release in force then.")


def register(app: typer.Typer) -> None:
    for command in (tiers, assess, triggers, reviews, decide_command):
        app.command(name="decide" if command is decide_command else command.__name__)(command)


def tiers(
    period: Annotated[int | None, typer.Option(help="Year to show (default: the method's current period).")] = None,
    method_name: Annotated[str | None, typer.Option("--method", help="Method id or version label.")] = None,
    output: Annotated[Format, FORMAT] = Format.table,
) -> None:
    """The tier table the Overview shows: iso3, name, period, method version, score, tier, coverage, assessed tier."""
    chosen = _method(method_name)
    emit(tier_table(Warehouse.default(), chosen.label, period), output)


def assess(
    iso3: Annotated[str, typer.Argument(help="Country ISO3 code.")],
    tier: Annotated[str, typer.Option(help="Very high, High, Elevated, Moderate, Low or Insufficient data.")],
    rationale: Annotated[str, typer.Option(help="Why (at least 20 characters).")],
    by: Annotated[str | None, typer.Option("--by", help="Who assesses (default: your user@host).")] = None,
    period: Annotated[int | None, typer.Option(help="Year assessed (default: the current one).")] = None,
) -> None:
    """Record an analyst's tier beside the model's (never overwriting it)."""
    warehouse = Warehouse.default()
    year = period or current_period(warehouse, _method(None))
    if year is None:
        _fail("no tier scores yet, so there is no current period: give --period, or load data with r2p ingest.")
    try:
        number = record_assessment(warehouse, iso3.upper(), year, tier, rationale, _acting(by))
    except AssessmentError as error:
        _fail(str(error))
    typer.echo(f"Recorded assessment #{number}: {iso3.upper()} {year} {tier} by {_acting(by).name}.")


def triggers(
    as_of: Annotated[str | None, typer.Option("--as-of", help=AS_OF_HELP)] = None,
    by: Annotated[str | None, typer.Option("--by", help="Who runs the rules (default: your user@host).")] = None,
) -> None:
    """Evaluate the trigger rules and open a review for each new piece of evidence (idempotent).

    It also moves each review not decided by its deadline up one escalation level (levels: escalation.yml).
    `r2p init`, `r2p ingest` and `r2p update` run the rules too, in the same transaction as their load; this
    command is for a manual run, or a backfill with --as-of. A second run opens no review twice.
    """
    day = _as_of(as_of)
    user = _acting(by)
    require(user, "ingest")
    warehouse = Warehouse.default()
    # NOTE: rules are read through the reader, which sees events kept in Parquet (R2P_EVENTS_PARQUET); the
    # write opens and escalates reviews, and evidence keys keep that idempotent if data changed in between.
    reader = warehouse.reader().cursor()
    try:
        firings = evaluate_rules(reader, day)
    finally:
        reader.close()
    with warehouse.write() as connection:
        done = run_triggers(connection, f"r2p triggers ({user.name})", day, firings)
    typer.echo(f"{done.summary()} {done.firings - done.opened} firing(s) opened nothing: their evidence, or their "
               "rule for that country, already had a review.")


def reviews(
    output: Annotated[Format, FORMAT] = Format.table,
    state: Annotated[str | None, typer.Option(help="Only open, overdue or decided reviews.")] = None,
) -> None:
    """List reviews with their state (open, overdue, decided).

    Each with its escalation level (1 is the first), the holder at that level and the deadline."""
    listed = list_reviews(Warehouse.default())
    if state:
        listed = listed[listed["state"] == state]
    listed = listed.rename(columns={"owner": "holder", "due_date": "deadline"})
    listed["deadline"] = pd.to_datetime(listed["deadline"]).dt.strftime("%Y-%m-%d")
    columns = ["review_id", "iso3", "name", "rule_id", "state", "level", "holder", "deadline", "opened_at",
               "decision", "decided_by", "evidence"]
    emit(listed[columns], output)


def decide_command(
    review_id: Annotated[int, typer.Argument(help="The review number.")],
    decision: Annotated[str, typer.Option(help=f"One of: {', '.join(DECISIONS)}.")],
    rationale: Annotated[str, typer.Option(help="Why (at least 10 characters).")],
    by: Annotated[str | None, typer.Option("--by", help="Who decides (default: your user@host).")] = None,
    follow_up: Annotated[str | None, typer.Option(help="With defer: the date the review comes back (YYYY-MM-DD).")]
    = None,
) -> None:
    """Close a review with a recorded decision: act, do not act, or defer (which opens a follow-up)."""
    try:
        due = date.fromisoformat(follow_up) if follow_up else None
        follow = decide(Warehouse.default(), review_id, decision, rationale, _acting(by), due)
    except (ReviewError, ValueError) as error:
        _fail(str(error))
    typer.echo(f"Review #{review_id}: {decision} (by {_acting(by).name})."
               + (f" Follow-up review #{follow}." if follow else ""))


def _as_of(text: str | None) -> date | None:
    try:
        return date.fromisoformat(text) if text else None
    except ValueError:
        _fail(f"--as-of {text!r} is not a date (YYYY-MM-DD).")


def _acting(by: str | None) -> User:
    """Whoever runs `r2p` may write (they can write the warehouse file anyway); --by names them in the log."""
    user = command_line_user()
    return User(by.strip(), Role.ADMIN, user.via) if by and by.strip() else user


def _method(name: str | None) -> TierMethod:
    try:
        return resolve_method(name, strict=True, scored=scored_methods(Warehouse.default()))[0]
    except KeyError as error:
        _fail(str(error.args[0]))


def _fail(message: str) -> None:
    typer.echo(f"Error: {message}", err=True)
    raise typer.Exit(2)
