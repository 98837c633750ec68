"""`r2p backtest`: every tier method scored against EWP's out-of-sample record by one fixed protocol."""

from __future__ import annotations

from typing import Annotated

import pandas as pd
import typer

from r2p.commands.output import Format, emit
from r2p.tiers.bootstrap import ROUNDS, SEED
from r2p.tiers.evaluation import REFERENCE, TIE_RULE, TOPS, verdict_sentences
from r2p.tiers.evaluation_inputs import NothingToEvaluate, backtest_table
from r2p.tiers.method import method
from r2p.warehouse import Warehouse

NOTE = ("* = the method the Overview opens on. "
        f"Bootstrap: {ROUNDS} stratified rounds (positives and negatives resampled apart), seed {SEED}, the same "
        f"draws for every method. Ties: {TIE_RULE}. Years: data years for forecast-year, outcome years for "
        "ewp-published. EWP's FOOS file is built from the revised data of its release (some onsets were coded "
        "later), so it is partly, not fully, out of sample.")


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
    typer.echo("\n" + NOTE)


def readable(table: pd.DataFrame) -> pd.DataFrame:
    """The table as a person reads it: counts with their share, figures with their 95 % interval."""
    shown = pd.DataFrame({
        "method": table["method"] + table["default"].map({True: " *", False: ""}),
        "definition": table["definition"], "subset": table["subset"],
        "years": table["first_year"].astype(str) + "-" + table["last_year"].astype(str),
        "positives": table["positives"]})
    for top in TOPS:
        shares = table[f"caught_{top}"] / table["positives"].where(table["positives"] > 0)
        shown[f"top {top}"] = [f"{n} ({share:.0%})" if pd.notna(share) else str(n)
                               for n, share in zip(table[f"caught_{top}"], shares, strict=True)]
    for column, value, pattern in (("AUC [95% CI]", "auc", "{:.3f}"), ("AUC vs EWP", "delta_auc", "{:+.3f}"),
                                   ("top 30 vs EWP", "delta_caught_30", "{:+.0f}")):
        shown[column] = [_with_interval(v, ci, pattern) for v, ci in zip(table[value], table[f"{value}_ci"],
                                                                         strict=True)]
    shown["verdict (AUC)"] = table["verdict"].fillna("")
    return shown


def _with_interval(value: float, bounds: list[float] | None, pattern: str) -> str:
    if pd.isna(value) or bounds is None:
        return ""
    return f"{pattern.format(value)} [{pattern.format(bounds[0])}, {pattern.format(bounds[1])}]"


def _label(name: str | None) -> str | None:
    if name is None or name == REFERENCE:
        return name
    try:
        return method(name).label
    except KeyError as error:
        _fail(str(error.args[0]))


def _fail(message: str) -> None:
    typer.echo(f"Error: {message}", err=True)
    raise typer.Exit(2)
