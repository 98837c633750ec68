"""`r2p backup DIR` and `r2p restore DIR`: a checksummed Parquet copy of the warehouse, and putting one back."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console

from r2p.access.rights import PermissionDenied, command_line_user
from r2p.ops.backup import BackupError, backup, restore, verify
from r2p.warehouse import Warehouse, WarehouseError

err = Console(stderr=True, soft_wrap=True)


def register(app: typer.Typer) -> None:
    app.command("backup")(backup_command)
    app.command("restore")(restore_command)


def backup_command(
    folder: Annotated[Path, typer.Argument(help="A new or empty folder, or an earlier backup to replace.")],
) -> None:
    """Save the current warehouse version into FOLDER: one Parquet file per table and a checksummed manifest."""
    warehouse = Warehouse.default()
    try:
        manifest = backup(warehouse, folder)
    except (BackupError, WarehouseError) as error:
        _fail(str(error), 1 if isinstance(error, BackupError) else 2)
    typer.echo(f"Backed up {warehouse.label} to {folder}: {_describe(manifest)}.")


def restore_command(
    folder: Annotated[Path, typer.Argument(help="A folder written by `r2p backup`.")],
    yes: Annotated[bool, typer.Option("--yes", help="Do not ask before replacing the warehouse.")] = False,
) -> None:
    """Replace the whole warehouse with the backup in FOLDER, after checking every file against the manifest."""
    warehouse = Warehouse.default()
    try:
        manifest = verify(folder)
        if not yes:
            typer.confirm(f"Replace the warehouse {warehouse.label} with the backup made {manifest['created_at']}"
                          f" ({_describe(manifest)})?", abort=True)
        restore(warehouse, folder, command_line_user())
    except BackupError as error:
        _fail(f"{error} The warehouse was not changed.", 1)
    except (WarehouseError, PermissionDenied) as error:
        _fail(str(error), 2)
    typer.echo(f"Restored {warehouse.label} from {folder}: {_describe(manifest)}.")


def _describe(manifest: dict) -> str:
    rows = sum(manifest["tables"].values())
    return f"{rows} rows in {len(manifest['tables'])} tables, schema version {manifest['schema_version']}"


def _fail(message: str, code: int) -> None:
    err.print(f"[bold red]Error:[/] {message}", highlight=False)
    raise typer.Exit(code)
