"""`r2p accounts`: local accounts (name, role, hashed password) for signing in to the dashboard without SSO."""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path
from typing import Annotated, NoReturn, TypeVar

import typer

from r2p.access.account_changes import add_account, remove_account, set_account_role
from r2p.access.accounts import MIN_PASSWORD, AccountError, accounts_path, load
from r2p.access.rights import Role, command_line_user
from r2p.warehouse import Warehouse, WarehouseError

ROLE_HELP = "viewer, editor or admin."
T = TypeVar("T")


def register(app: typer.Typer) -> None:
    """Add the `accounts` command group to the main app."""
    group = typer.Typer(help="Local accounts in the R2P_ACCOUNTS file: add, set-role, remove, list.",
                        no_args_is_help=True)
    group.command("add")(add_command)
    group.command("set-role")(set_role_command)
    group.command("remove")(remove_command)
    group.command("list")(list_command)
    app.add_typer(group, name="accounts")


def add_command(
    name: Annotated[str, typer.Argument(help="The account name people sign in with.")],
    role: Annotated[str, typer.Option(help=ROLE_HELP)] = "viewer",
    password_stdin: Annotated[bool, typer.Option("--password-stdin", help="Read the password from standard "
                                                                          "input (for scripts).")] = False,
) -> None:
    """Create an account; asks for the password twice (hidden) unless --password-stdin."""
    chosen = _role(role)
    password = sys.stdin.readline().rstrip("\r\n") if password_stdin else _ask_password()
    _run(lambda path: add_account(path, name, chosen, password, command_line_user(), _warehouse()))
    typer.echo(f"Added account {name} ({chosen.label}).")


def set_role_command(
    name: Annotated[str, typer.Argument(help="The account name.")],
    role: Annotated[str, typer.Argument(help=ROLE_HELP)],
) -> None:
    """Change an account's role."""
    chosen = _role(role)
    before = _run(lambda path: set_account_role(path, name, chosen, command_line_user(), _warehouse()))
    typer.echo(f"Account {name}: {before.label} → {chosen.label}.")


def remove_command(name: Annotated[str, typer.Argument(help="The account name.")]) -> None:
    """Delete an account (it can no longer sign in; open sessions lose their rights on the next page load)."""
    before = _run(lambda path: remove_account(path, name, command_line_user(), _warehouse()))
    typer.echo(f"Removed account {name} (was {before.label}).")


def list_command() -> None:
    """Every account with its role (never the password hashes)."""
    accounts = _run(load)
    if not accounts:
        typer.echo("No local accounts yet: add one with `r2p accounts add NAME --role editor`.")
    for account in sorted(accounts.values(), key=lambda entry: entry.name):
        typer.echo(f"{account.name}\t{account.role.label}")


def _ask_password() -> str:
    return typer.prompt(f"Password (at least {MIN_PASSWORD} characters)", hide_input=True,
                        confirmation_prompt=True)


def _run(action: Callable[[Path], T]) -> T:
    """Call action(accounts file), turning a refusal into a clear message and exit status 2."""
    path = accounts_path()
    if path is None:
        _fail("R2P_ACCOUNTS is not set: point it at the accounts file (for example data/accounts.toml).")
    try:
        return action(path)
    except (AccountError, WarehouseError) as error:
        _fail(str(error))


def _warehouse() -> Warehouse:
    return Warehouse.default()


def _role(text: str) -> Role:
    try:
        return Role.parse(text)
    except ValueError as error:
        _fail(str(error))


def _fail(message: str) -> NoReturn:
    typer.echo(f"Error: {message}", err=True)
    raise typer.Exit(2)
