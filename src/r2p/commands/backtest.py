"""`r2p backtest`: every tier method scored against EWP's out-of-sample record by one fixed protocol."""

from __future__ import annotations

from typing import Annotated

import typer

from r2p.commands.output import Format, emit
from r2p.tiers.evaluation import REFERENCE, verdict_sentences
from r2p.tiers.evaluation_inputs import NothingToEvaluate, backtest_table, publishes_ewp
from r2p.tiers.evaluation_report import NOTE, readable, target_checks, targets_sentence
from r2p.tiers.method import method
from r2p.warehouse import Warehouse


def register(app: typer.Typer) -> None:
    app.command(name="backtest")(backtest)


def backtest(
    method_name: Annotated[str | None, typer.Option(
        "--method", help=f"Only this method (id or version label; {REFERENCE} for EWP's own rows only).")] = None,
    output: Annotated[Format, typer.Option("--format", help="table, csv or json (one array on the last line).")]
    = Format.table,
) -> None:
    """Score every tier method against EWP's out-of-sample forecasts: onset windows caught, AUC, paired CIs."""
    only = _label(method_name)
    try:
        table = backtest_table(Warehouse.default(), only)
    except NothingToEvaluate as error:
        _fail(str(error))
    if only not in (None, REFERENCE) and only not in set(table["method"]):
        _fail(f"{only} has no stored scores in this warehouse: run `r2p init` or ingest its data first")
    if output is not Format.table:
        emit(table, output)
        return
    emit(readable(table), output)
    for sentence in verdict_sentences(table).values():
        typer.echo("\n" + sentence)
    checks = target_checks(table)
    if len(checks):
        typer.echo("\n" + targets_sentence(checks, str(table.loc[table["default"], "method"].iloc[0])))
        emit(checks, output)
    typer.echo("\n" + NOTE)


def _label(name: str | None) -> str | None:
    if name is None or name == REFERENCE:
        return name
    try:
        chosen = method(name)
    except KeyError as error:
        _fail(str(error.args[0]))
    return REFERENCE if publishes_ewp(chosen) else chosen.label  # its backtest is EWP's own record


def _fail(message: str) -> None:
    typer.echo(f"Error: {message}", err=True)
    raise typer.Exit(2)
