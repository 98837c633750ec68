"""`r2p digest`: draft digests of what changed, list and approve them, and deliver the approved ones (--send)."""

from __future__ import annotations

import json
from typing import Annotated

import pandas as pd
import typer

from r2p.access.rights import command_line_user
from r2p.commands.output import Format, emit
from r2p.notify.delivery import SEND_WAIT, Outcome, SendBusy, configured_channels, deliver_approved
from r2p.notify.drafts import DigestError, approve_draft, draft_digests, list_drafts
from r2p.triggers.escalation import example_notice
from r2p.warehouse import Warehouse

LISTED = ["draft_id", "recipient", "drafted_at", "state", "approved_by", "sent", "failed", "subject"]


def register(app: typer.Typer) -> None:
    """Add the `digest` command (drafting and sending) and its `list`, `show` and `approve` subcommands."""
    group = typer.Typer(invoke_without_command=True)  # its help is digest()'s docstring
    group.callback()(digest)
    group.command("list")(list_command)
    group.command("show")(show_command)
    group.command("approve")(approve_command)
    app.add_typer(group, name="digest")


def digest(
    context: typer.Context,
    send: Annotated[bool, typer.Option("--send", help="Also deliver every approved digest not yet delivered on each "
                                                      "configured channel (R2P_SMTP_URL, R2P_WEBHOOK_URL, "
                                                      "R2P_DIGEST_DIR); failed deliveries are retried. One --send "
                                                      "runs at a time: another waits up to "
                                                      f"{SEND_WAIT:g} s, then exits 3.")] = False,
    as_json: Annotated[bool, typer.Option("--json", help="End with one JSON line: drafted, awaiting_approval, sent, "
                                                         "failed and drafts (id, recipients, approved).")] = False,
) -> None:
    """Draft a digest of what changed for each subscriber; with --send, deliver the approved ones (e-mail, webhook,
    folder).

    A digest covers what changed since that subscriber's last one: tier moves, reviews opened, escalated or overdue,
    surges and data loaded. Nothing is delivered before an editor approves it (`r2p digest approve ID`). Exit code
    1 when a delivery failed (it is kept and retried on the next --send); 2 when approved digests wait but no
    channel is set; 3 when another --send from the same warehouse was still delivering after the wait (nothing
    was sent by this run; the next run sends what is left). While the escalation levels' recipients are the shipped
    examples (@example.org), it says so: set R2P_ESCALATION_FILE to the site's own file."""
    if context.invoked_subcommand is not None:
        return
    warehouse, user = Warehouse.default(), command_line_user()
    channels = configured_channels() if send else {}  # a malformed setting stops here, before anything is written
    if notice := example_notice():  # the shipped escalation.yml's placeholders, until the site sets its own
        typer.echo(f"Note: {notice}", err=True)
    drafted = draft_digests(warehouse, user)
    try:
        outcomes = deliver_approved(warehouse, user, channels) if send else []
    except SendBusy as busy:
        typer.echo(f"Error: {busy}", err=True)
        raise typer.Exit(3) from None
    drafts = list_drafts(warehouse)
    waiting = drafts[drafts["approved_at"].isna()]
    typer.echo(f"Drafted {len(drafted)} digest(s); {len(waiting)} await approval (`r2p digest approve ID`).")
    for outcome in outcomes:
        typer.echo(f"Digest #{outcome.draft_id} to {outcome.recipient} by {outcome.channel}: "
                   + ("sent." if outcome.sent else f"FAILED ({outcome.error}); kept, retried on the next --send."))
    unsent = drafts[drafts["approved_at"].notna() & (drafts["sent"] == "")]
    stranded = send and not channels and len(unsent) > 0
    if stranded:
        typer.echo(f"Error: {len(unsent)} approved digest(s) wait, but no channel is set (R2P_SMTP_URL, "
                   "R2P_WEBHOOK_URL or R2P_DIGEST_DIR): nothing was sent.", err=True)
    if as_json:
        typer.echo(json.dumps(_summary(drafts, drafted, outcomes)))
    if stranded:
        raise typer.Exit(2)
    if any(not outcome.sent for outcome in outcomes):
        raise typer.Exit(1)


def list_command(
    output: Annotated[Format, typer.Option("--format", help="table, csv or json.")] = Format.table,
) -> None:
    """Every digest, newest first: recipient, state (awaiting approval, approved, sent, failed), channels."""
    emit(list_drafts(Warehouse.default())[LISTED], output)


def show_command(draft_id: Annotated[int, typer.Argument(metavar="ID", help="The digest's id.")]) -> None:
    """Print one digest as it will be delivered (to read it before approving)."""
    drafts = list_drafts(Warehouse.default()).set_index("draft_id")
    if draft_id not in drafts.index:
        typer.echo(f"Error: there is no digest #{draft_id} (`r2p digest list`).", err=True)
        raise typer.Exit(2)
    found = drafts.loc[draft_id]
    typer.echo(f"To: {found['recipient']}\nSubject: {found['subject']}\nState: {found['state']}\n\n{found['body']}")


def approve_command(draft_id: Annotated[int, typer.Argument(metavar="ID", help="The digest's id (`list` shows "
                                                                              "it).")]) -> None:
    """Approve a digest for delivery (editors and above); the next `r2p digest --send` delivers it."""
    try:
        recipient = approve_draft(Warehouse.default(), draft_id, command_line_user())
    except DigestError as error:
        typer.echo(f"Error: {error}", err=True)
        raise typer.Exit(2) from None
    typer.echo(f"Approved digest #{draft_id} to {recipient}; `r2p digest --send` delivers it.")


def _summary(drafts: pd.DataFrame, drafted: list[int], outcomes: list[Outcome]) -> dict:
    """The --json line: counts, and each draft this run drafted, delivered or still waits on."""
    touched = set(drafted) | {o.draft_id for o in outcomes} | set(drafts.loc[drafts["approved_at"].isna(), "draft_id"])
    shown = drafts[drafts["draft_id"].isin(touched)].sort_values("draft_id")
    return {"drafted": len(drafted), "awaiting_approval": int(drafts["approved_at"].isna().sum()),
            "sent": sum(o.sent for o in outcomes), "failed": sum(not o.sent for o in outcomes),
            "drafts": [{"id": int(row.draft_id), "recipients": [row.recipient], "approved": pd.notna(row.approved_at)}
                       for row in shown.itertuples()]}
