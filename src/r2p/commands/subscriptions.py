"""`r2p subscriptions`: who receives digests about which changes: add, list, remove (admins)."""

from __future__ import annotations

from typing import Annotated

import typer

from r2p.access.rights import command_line_user
from r2p.commands.output import Format, emit
from r2p.notify.subscriptions import (
    SubscriptionError,
    add_subscription,
    known_countries,
    parse_subscription,
    remove_subscription,
    subscription_table,
    subscriptions,
)
from r2p.vocabulary import TIERS
from r2p.warehouse import Warehouse

HELP = "Who receives digests about which changes: add, list, remove (admins)."


def register(app: typer.Typer) -> None:
    """Add the `subscriptions` command group to the main app."""
    group = typer.Typer(help=HELP, no_args_is_help=True)
    group.command("add")(add_command)
    group.command("list")(list_command)
    group.command("remove")(remove_command)
    app.add_typer(group, name="subscriptions")


def add_command(
    address: Annotated[str, typer.Argument(help="The e-mail address digests go to (name@example.org).")],
    countries: Annotated[str, typer.Option(help="ISO3 codes, comma-separated, or ALL.")] = "ALL",
    min_tier: Annotated[str | None, typer.Option(help=f"Only countries at this tier or higher: {', '.join(TIERS)}.")]
    = None,
    rules: Annotated[str, typer.Option(help="Only reviews opened by these trigger rules (ids, comma-separated), "
                                            "or ALL.")] = "ALL",
    level: Annotated[int | None, typer.Option(help="Only reviews at this escalation level or higher (1 is the "
                                                   "first).")] = None,
) -> None:
    """Subscribe an address. Tier moves and loads follow --countries and --min-tier; reviews also --rules and
    --level."""
    warehouse = Warehouse.default()
    try:
        subscription = parse_subscription(address, countries, min_tier, rules, level, known_countries(warehouse))
    except SubscriptionError as error:
        typer.echo(f"Error: {error}", err=True)
        raise typer.Exit(2) from None
    subscription_id = add_subscription(warehouse, subscription, command_line_user())
    typer.echo(f"Subscription #{subscription_id}: {subscription.address} ({subscription.describe()}).")


def list_command(
    output: Annotated[Format, typer.Option("--format", help="table, csv or json.")] = Format.table,
) -> None:
    """Every subscription: id, address, countries, lowest tier, rules, lowest level, since when."""
    emit(subscription_table(subscriptions(Warehouse.default())), output)


def remove_command(subscription_id: Annotated[int, typer.Argument(metavar="ID", help="The subscription's id "
                                                                                     "(`list` shows it).")]) -> None:
    """Remove a subscription; digests already drafted for it stay."""
    try:
        removed = remove_subscription(Warehouse.default(), subscription_id, command_line_user())
    except SubscriptionError as error:
        typer.echo(f"Error: {error}", err=True)
        raise typer.Exit(2) from None
    typer.echo(f"Removed subscription #{subscription_id}: {removed.address} ({removed.describe()}).")
