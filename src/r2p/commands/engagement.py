"""`r2p engagement export DIR` and `r2p engagement import DIR`: the registry, situations and engagements as CSV."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from r2p.access.rights import command_line_user
from r2p.config import number_setting
from r2p.engagement.csvio import export_registry, import_registry
from r2p.warehouse import Warehouse, WarehouseError


def register(app: typer.Typer) -> None:
    """Add the `engagement` command group to the main app."""
    group = typer.Typer(help="The engagement map's registry as CSV: actors, situations and engagements.",
                        no_args_is_help=True)
    group.command("export")(export_command)
    group.command("import")(import_command)
    app.add_typer(group, name="engagement")


def export_command(
    directory: Annotated[Path, typer.Argument(help="Folder to write actors.csv, situations.csv, engagements.csv.")],
) -> None:
    """Write actors.csv, situations.csv and engagements.csv (partial dates such as 2013 or 2013-04 kept)."""
    try:
        written = export_registry(Warehouse.default(), directory)
    except WarehouseError as error:
        _fail(str(error))
    typer.echo(f"Wrote {', '.join(f'{name} ({rows} rows)' for name, rows in written.items())} to {directory}.")


def import_command(
    directory: Annotated[Path, typer.Argument(help="Folder holding any of actors.csv, situations.csv, "
                                                   "engagements.csv.")],
    reason: Annotated[str | None, typer.Option(help="Why, for the audit log (default: 'import from DIR').")] = None,
) -> None:
    """Validate the files and upsert their rows by id in one transaction; on any problem load nothing."""
    try:
        result = import_registry(Warehouse.default(), directory, command_line_user(), reason=reason)
    except WarehouseError as error:
        _fail(str(error))
    if result.status == "refused":
        cap = int(number_setting("max_errors"))
        typer.echo(f"Refused {directory}: {len(result.problems)} problem(s); nothing was loaded.", err=True)
        for problem in result.problems[:cap]:
            typer.echo(f"  {problem}", err=True)
        if len(result.problems) > cap:
            typer.echo(f"  … and {len(result.problems) - cap} more.", err=True)
        raise typer.Exit(1)
    if result.status == "unchanged":
        typer.echo(f"{directory}: every row is already in the warehouse; nothing to do.")
        return
    typer.echo("Loaded " + ", ".join(f"{rows} {table}" for table, rows in result.changed.items())
               + " (new or changed rows; each is in the audit log).")


def _fail(message: str) -> None:
    typer.echo(f"Error: {message}", err=True)
    raise typer.Exit(2)
