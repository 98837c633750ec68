"""The `r2p` command: everything a user scripts (build the warehouse, ingest, tiers, reviews, status)."""

from __future__ import annotations

import importlib
import sys

import click
import typer
import typer.main
from rich.console import Console
from typer.core import TyperGroup

from r2p.access.rights import PermissionDenied
from r2p.config import SettingError
from r2p.exports.renderer import RenderError
from r2p.warehouse.errors import WarehouseError

# Each command, the module that defines it (imported only when that command runs) and the line `r2p --help` lists.
COMMANDS: dict[str, tuple[str, str]] = {
    "init": ("warehouse", "Build the warehouse, or upgrade it in place: schema, countries, catalog and (without real "
                          "data) demo."),
    "ingest": ("warehouse", "Validate a file and load it in one transaction; on any problem load nothing and say "
                            "where."),
    "status": ("warehouse", "Where the warehouse is, its schema version, and what each source holds (rows, as-of, "
                            "last load)."),
    "settings": ("warehouse", "List every setting: environment variable, current value and meaning."),
    "releases": ("releases", "The releases each source holds (in force or vintage), or with --release the values "
                             "that release stated."),
    "update": ("update", "Download the latest public releases (EWP, UCDP, V-Dem, WDI) into the cache and ingest "
                         "them."),
    "tiers": ("tiers", "The tier table the Overview shows: iso3, name, period, method version, score, tier, "
                       "coverage, assessed tier."),
    "assess": ("tiers", "Record an analyst's tier beside the model's (never overwriting it)."),
    "triggers": ("tiers", "Evaluate the trigger rules and open a review for each new piece of evidence "
                          "(idempotent)."),
    "reviews": ("tiers", "List reviews with their state (open, overdue, decided)."),
    "decide": ("tiers", "Close a review with a recorded decision: act, do not act, or defer (which opens a "
                        "follow-up)."),
    "brief": ("brief", "Build the briefing pack for a country as the Meeting prep page does: the bottom line on "
                       "page 1, then what changed, scenarios and actors, options, next decision points, engagement, "
                       "who should be in the room, and sources and method. Print where it went and how long it "
                       "took."),
    "engagement": ("engagement", "The engagement map's registry as CSV: actors, situations and engagements."),
    "events": ("events", "Events outside the warehouse: Parquet files that R2P_EVENTS_PARQUET can point at."),
    "backup": ("backup", "Save the current warehouse version into FOLDER: one Parquet file per table and a "
                         "checksummed manifest."),
    "restore": ("backup", "Replace the whole warehouse with the backup in FOLDER, after checking every file against "
                          "the manifest."),
    "subscriptions": ("subscriptions", "Who receives digests about which changes: add, list, remove (admins)."),
    "digest": ("digest", "Draft a digest of what changed for each subscriber; with --send, deliver the approved ones "
                         "(e-mail, webhook, folder)."),
    "audit": ("audit", "The audit log (newest first): who changed what, when, before and after. Never edits it."),
    "calendar": ("calendar", "The UN decision calendar: mandate expiries, sanctions and panels, reports due, Council "
                             "sessions, each with its source."),
    "accounts": ("accounts", "Local accounts in the R2P_ACCOUNTS file: add, set-role, remove, list."),
    "bench": ("bench", "Measure page runs, data queries, ingest, the pandas baseline, memory and the cost curve; "
                       "JSON to stdout."),
    "backtest": ("backtest", "Score every tier method against EWP's out-of-sample forecasts: onset windows caught, "
                             "AUC, paired CIs."),
}


class LazyCommands(TyperGroup):
    """A group whose command modules load on first use: `r2p --help` imports none of them (no DuckDB, pandas,
    PDF or chart libraries), so it answers at once; `r2p NAME` imports only NAME's module."""

    listing = False  # True while the group's own help is drawn: then each command is its listed line only

    def list_commands(self, ctx: click.Context) -> list[str]:
        return list(COMMANDS)

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name not in COMMANDS:
            return None
        if self.listing:
            return click.Command(cmd_name, help=COMMANDS[cmd_name][1])
        return load_command(cmd_name)

    def format_help(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        self.listing = True
        try:
            super().format_help(ctx, formatter)
        finally:
            self.listing = False


def load_command(name: str) -> click.Command:
    """The command NAME as its module defines it (the module registers its commands on a Typer app)."""
    module = importlib.import_module(f"r2p.commands.{COMMANDS[name][0]}")
    commands = typer.Typer(add_completion=False, pretty_exceptions_enable=False)
    module.register(commands)
    group = typer.main.get_group(commands)
    command = group.get_command(click.Context(group), name)
    if command is None:
        raise LookupError(f"r2p.commands.{COMMANDS[name][0]} does not register {name!r}")
    return command


app = typer.Typer(
    cls=LazyCommands,
    help="R2P Watch: build the warehouse, load data and inspect it. The warehouse location comes from R2P_DB.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)


@app.callback()
def _root() -> None:
    # NOTE: a callback makes Typer build a group even though every command is added lazily by LazyCommands.
    pass


def main() -> None:
    """The `r2p` console command: a setting, permission, warehouse or chart-export problem (no Chromium) is one
    clear line, exit code 2."""
    try:
        app()
    except (SettingError, PermissionDenied, WarehouseError, RenderError) as error:
        Console(stderr=True, soft_wrap=True).print(f"[bold red]Error:[/] {error}", highlight=False)
        sys.exit(2)


if __name__ == "__main__":
    main()
