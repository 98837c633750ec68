"""`r2p audit`: list the audit log with filters, save it as CSV, or verify its hash chain."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Annotated

import typer

from r2p.commands.output import Format, emit
from r2p.exports.tables import plain_frame
from r2p.read.audit_trail import AuditFilter, audit_entries, audit_row_count, broken_rows, chain_status
from r2p.warehouse import Warehouse


def register(app: typer.Typer) -> None:
    app.command(name="audit")(audit)


def audit(
    since: Annotated[str | None, typer.Option(help="First day to show (YYYY-MM-DD, UTC).")] = None,
    until: Annotated[str | None, typer.Option(help="Last day to show (YYYY-MM-DD, UTC, included).")] = None,
    who: Annotated[str | None, typer.Option(help="Only rows by this user (exact).")] = None,
    action: Annotated[str | None, typer.Option(help="Only this action (assess, decide, note, ingest, ...).")] = None,
    entity: Annotated[str | None, typer.Option(help="Only this entity (assessment, review, country_note, ...).")]
    = None,
    entity_id: Annotated[str | None, typer.Option("--id", help="Only this entity id.")] = None,
    text: Annotated[str | None, typer.Option("--search", help="Entity id or before/after value contains.")] = None,
    csv: Annotated[Path | None, typer.Option("--csv", help="Write the matching rows to this CSV file.")] = None,
    verify: Annotated[bool, typer.Option("--verify", help="Check the hash chain; exit 1 if any row was altered.")]
    = False,
    output: Annotated[Format, typer.Option("--format", help="table, csv or json.")] = Format.table,
) -> None:
    """The audit log (newest first): who changed what, when, before and after. Never edits it."""
    warehouse = Warehouse.default()
    if verify:
        broken = broken_rows(warehouse)
        typer.echo(chain_status(broken, audit_row_count(warehouse)), err=bool(broken))
        raise typer.Exit(1 if broken else 0)
    try:
        chosen = AuditFilter(_day(since, "--since"), _day(until, "--until"), who, action, entity, entity_id, text)
        entries = audit_entries(warehouse, chosen)
    except ValueError as error:
        typer.echo(f"Error: {error}", err=True)
        raise typer.Exit(2) from None
    if csv is None:
        emit(entries, output)
        return
    # Column ids, as --format csv prints them: a script's file, not a briefer's (the Audit page's CSV has headers
    # people read).
    csv.write_text(plain_frame(entries).to_csv(index=False, lineterminator="\n"), encoding="utf-8")
    typer.echo(f"Wrote {len(entries)} audit row(s) to {csv}.")


def _day(value: str | None, option: str) -> date | None:
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise ValueError(f"{option} {value!r} is not a date (YYYY-MM-DD).") from None
