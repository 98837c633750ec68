"""`r2p releases`: the releases each source holds, and what one release said."""

from __future__ import annotations

from typing import Annotated

import pandas as pd
import typer

from r2p.commands.output import Format, emit
from r2p.read.release_record import release_list, release_lists, release_summary
from r2p.read.releases import release_tiers, release_values, releases_held
from r2p.tiers import scored_methods
from r2p.tiers.method import resolve_method
from r2p.warehouse import Warehouse


def register(app: typer.Typer) -> None:
    app.command("releases")(releases)


def releases(
    source: Annotated[str | None, typer.Argument(help="Only this source (e.g. ewp).")] = None,
    release: Annotated[str | None, typer.Option(
        help='Show the values this release stated, e.g. "EWP 2023" (needs SOURCE).')] = None,
    country: Annotated[str | None, typer.Option(help="With --release: one country (ISO3).")] = None,
    indicator: Annotated[list[str] | None, typer.Option(help="With --release: these indicators (repeatable).")] = None,
    tiers: Annotated[bool, typer.Option("--tiers", help="With --release: the tiers that release's values give.")
                     ] = False,
    method_name: Annotated[str | None, typer.Option("--method", help="With --tiers: method id or version.")] = None,
    period: Annotated[int | None, typer.Option(help="With --tiers: the year (default: the release's last).")] = None,
    said: Annotated[bool, typer.Option("--said", help="ewp only: each release's two-year list and what followed"
                                       " (with --release: that release's whole list).")] = False,
    output: Annotated[Format, typer.Option("--format", help="table, csv or json.")] = Format.table,
) -> None:
    """The releases each source holds (in force or vintage), or with --release the values that release stated."""
    warehouse = Warehouse.default()
    if said:
        emit(_said(warehouse, source, release), output)
        return
    if release is None:
        held = releases_held(warehouse, source)
        readable = held.fillna({"release": "unknown release", "published": "-"}) if output is Format.table else held
        emit(readable, output)
        return
    if source is None:
        typer.echo("Error: --release needs SOURCE (e.g. r2p releases ewp --release \"EWP 2023\").", err=True)
        raise typer.Exit(2)
    if tiers:
        emit(_tiers(warehouse, source, release, method_name, period), output)
        return
    values = release_values(warehouse, source, release, country.upper() if country else None, indicator)
    if values.empty:
        known = ", ".join(str(r) for r in releases_held(warehouse, source)["release"]) or "none"
        typer.echo(f"Error: {source} holds no values of release {release!r} (releases held: {known}).", err=True)
        raise typer.Exit(2)
    emit(values, output)


def _tiers(warehouse: Warehouse, source: str, release: str, method_name: str | None,
           period: int | None) -> pd.DataFrame:
    try:
        method = resolve_method(method_name, strict=True, scored=scored_methods(warehouse))[0]
        return release_tiers(warehouse, method, source, release, period)
    except (KeyError, ValueError) as error:
        typer.echo(f"Error: {error}.", err=True)
        raise typer.Exit(2) from error


def _said(warehouse: Warehouse, source: str | None, release: str | None) -> pd.DataFrame:
    if source != "ewp":
        typer.echo("Error: --said is for EWP's forecast lists: r2p releases ewp --said.", err=True)
        raise typer.Exit(2)
    lists = release_lists(warehouse)
    if release is None:
        return release_summary(lists)
    if release not in set(lists["release"]):
        known = ", ".join(dict.fromkeys(lists["release"])) or "none"
        typer.echo(f"Error: no EWP risk list of release {release!r} is loaded (lists held: {known}).", err=True)
        raise typer.Exit(2)
    return release_list(lists, release, top=None)
