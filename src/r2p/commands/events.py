"""`r2p events export-parquet DIR`: the warehouse's events as partitioned Parquet, ready for object storage."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console

from r2p.warehouse import Warehouse, WarehouseError
from r2p.warehouse.parquet_events import PARTITIONS, export_events

err = Console(stderr=True, soft_wrap=True)


def register(app: typer.Typer) -> None:
    """Add the `events` command group to the main app."""
    group = typer.Typer(help="Events outside the warehouse: Parquet files that R2P_EVENTS_PARQUET can point at.",
                        no_args_is_help=True)
    group.command("export-parquet")(export_parquet_command)
    app.add_typer(group, name="events")


def export_parquet_command(
    folder: Annotated[Path, typer.Argument(help="A new or empty folder to write the Parquet files into.")],
    partition_by: Annotated[str, typer.Option(help=f"One folder level per value of: {', '.join(PARTITIONS)}.")]
    = "year",
) -> None:
    """Write every event the warehouse holds to FOLDER as Parquet, one folder per year (or country, or source)."""
    warehouse = Warehouse.default()
    try:
        cursor = warehouse.reader().cursor()
        try:
            written = export_events(cursor, folder, partition_by)
        finally:
            cursor.close()
    except WarehouseError as error:
        err.print(f"[bold red]Error:[/] {error}", highlight=False)
        raise typer.Exit(2) from error
    typer.echo(f"Wrote {written} events from {warehouse.label} to {folder} (partitioned by {partition_by}).")
