"""`r2p init`, `r2p ingest`, `r2p status` and `r2p settings`: build the warehouse, load a file, say what it holds."""

from __future__ import annotations

import json
import sys
from datetime import date
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console

from r2p.access.rights import command_line_user, require
from r2p.config import SETTINGS
from r2p.ops.build import ingest_and_score, initialise
from r2p.triggers.runs import last_trigger_run
from r2p.warehouse import Warehouse, WarehouseError
from r2p.warehouse.ingest import SOURCE_NAMES
from r2p.warehouse.ingest.framework import error_cap
from r2p.warehouse.ingest.result import IngestResult
from r2p.warehouse.releases import Release, stated_release
from r2p.warehouse.status import warehouse_status

err = Console(stderr=True, soft_wrap=True)
LARGE_FILE_BYTES = 5 * 1024 * 1024


def register(app: typer.Typer) -> None:
    app.command("init")(init)
    app.command("ingest")(ingest_command)
    app.command("status")(status)
    app.command("settings")(settings)


def init(
    demo: Annotated[
        bool | None,
        typer.Option("--demo/--no-demo", help="Load the demo data (default: only when no real data is loaded)."),
    ] = None,
) -> None:
    """Build the warehouse, or upgrade it in place: schema, countries, catalog and (without real data) demo."""
    warehouse = Warehouse.default()
    require(command_line_user(), "ingest")  # NOTE: always true today; kept so a weaker CLI role cannot build
    try:
        report = initialise(warehouse, demo)
    except WarehouseError as error:
        _fail(str(error))
    typer.echo(
        f"Warehouse {report.location}: schema version {report.schema_version}"
        f" (applied {report.migrations_applied or 'none'}), {report.countries} countries,"
        f" {report.indicators} indicators, {DEMO_WORDS[report.demo]}."
    )
    if report.triggers is not None:
        typer.echo(report.triggers.summary())


# What `r2p init` did with the demo data (InitReport.demo), in words
DEMO_WORDS = {"loaded": "demo data loaded", "unchanged": "demo data unchanged", "removed": "demo data removed",
              "absent": "no demo data", "kept-real-data": "real data loaded, so no demo data"}


def ingest_command(
    source: Annotated[str, typer.Argument(help=f"One of: {', '.join(SOURCE_NAMES)}.")],
    path: Annotated[Path, typer.Argument(help="The file to load (CSV or XLSX).")],
    meta: Annotated[
        Path | None, typer.Option(help="Indicator metadata CSV (table source; default: NAME.indicators.csv).")
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the outcome as one JSON object, last line.")] = False,
    release: Annotated[str | None, typer.Option(
        help='The release the file belongs to, e.g. "EWP 2023" (default: read from the file name or content).',
    )] = None,
    published: Annotated[str | None, typer.Option(help="With --release: its publication date, YYYY-MM-DD.")] = None,
) -> None:
    """Validate a file and load it in one transaction; on any problem load nothing and say where."""
    if source not in SOURCE_NAMES:
        _fail(f"Unknown source {source!r}. Sources: {', '.join(SOURCE_NAMES)}.")
    stated = _stated_release(release, published)
    warehouse = Warehouse.default()
    show = not as_json and (path.is_file() and path.stat().st_size > LARGE_FILE_BYTES or sys.stderr.isatty())
    try:
        with err.status(f"Reading {path.name}…", spinner="dots") if show else _nothing() as status:
            result = ingest_and_score(warehouse, source, path, meta, progress=_stage_printer(status, path.name),
                                      user=command_line_user(), release=stated)
    except WarehouseError as error:
        _fail(str(error))
    _report(result, as_json)
    if result.status == "refused":
        raise typer.Exit(1)


def status(
    as_json: Annotated[bool, typer.Option("--json", help="Print as JSON.")] = False,
) -> None:
    """Where the warehouse is, its schema version, and what each source holds (rows, as-of, last load)."""
    try:
        report = warehouse_status(Warehouse.default())
    except WarehouseError as error:
        _fail(str(error))
    if as_json:
        typer.echo(json.dumps(report, default=str))
        return
    typer.echo(f"Warehouse: {report['location']} (schema version {report['schema_version']})")
    if report["events_parquet"]:
        typer.echo(f"Events: read from Parquet at {report['events_parquet']} (R2P_EVENTS_PARQUET)")
    for row in report["sources"]:
        demo = " DEMO" if row["is_demo"] else ""
        typer.echo(f"  {row['source_id']:<8}{demo} {row['observations']:>9} observations {row['events']:>8} events"
                   f"  as of {row['as_of'] or 'unknown'}  loaded {_minute(row['last_load'])}")
        if row.get("releases"):
            typer.echo(f"    releases: {'; '.join(release_line(held) for held in row['releases'])}")


def settings() -> None:
    """List every setting: environment variable, current value and meaning."""
    for item in SETTINGS:
        typer.echo(f"{item.env}={item.value()}\n    {item.help}")


def _report(result: IngestResult, as_json: bool) -> None:
    cap = error_cap()
    if result.status == "refused":
        err.print(f"[bold red]Refused[/] {result.file}: {result.errors_total} problem(s); nothing was loaded.",
                  highlight=False)
        for problem in result.errors[:cap]:
            err.print(f"  {problem}", highlight=False, markup=False)
        if result.errors_total > cap:
            err.print(f"  … and {result.errors_total - cap} more.", highlight=False)
    elif result.status == "unchanged":
        err.print(f"{result.file}: already loaded (ingest #{result.ingest_id}); nothing to do.", highlight=False)
    else:
        err.print(f"Loaded {result.file} ({result.kind}): {result.rows_read} rows read, {result.rows_loaded} values"
                  f" loaded, {result.rows_rejected} rejected (ingest #{result.ingest_id}).", highlight=False)
        err.print(f"Release: {result.release or 'unknown (state it with --release)'}"
                  f"{', published ' + result.published.isoformat() if result.published else ''}.", highlight=False)
        _trigger_line()
        if result.held_back:
            err.print(f"Kept as a vintage only: {result.held_back} value(s); the newer release"
                      f" {result.release_in_force} is in force, so their current values are unchanged.",
                      highlight=False)
    if as_json:
        typer.echo(json.dumps(result.as_json(cap), default=str))


def _trigger_line() -> None:
    """What the trigger rules, run inside the load's transaction, did."""
    last = last_trigger_run(Warehouse.default())
    if last is not None:
        err.print(f"Trigger rules as of {last['as_of']:%Y-%m-%d}: {last['firings']} firing(s), {last['opened']}"
                  f" review(s) opened, {last['escalated']} escalated.", highlight=False)


def _stated_release(label: str | None, published: str | None) -> Release | None:
    if label is None:
        if published is not None:
            _fail("--published needs --release (the release it dates).")
        return None
    try:
        return stated_release(label, date.fromisoformat(published) if published else None)
    except ValueError as error:
        _fail(f"--release/--published: {error}.")


def release_line(held: dict) -> str:
    """One release a source holds, as `r2p status` prints it."""
    name = held["release"] or "unknown release"
    dated = f", published {held['published']}" if held.get("published") else ""
    state = "in force" if held["in_force"] else "vintage"
    return f"{name}{dated} ({state}: {held['current_values']} current, {held['vintage_values']} vintage values)"


def _minute(moment: str | None) -> str:
    """A load's time as `r2p status` prints it: 2026-12-06 04:45 UTC."""
    return "-" if moment is None else f"{moment[:16].replace('T', ' ')} UTC"


def _stage_printer(status: object, name: str):  # noqa: ANN202 - a small closure
    def show(stage: str) -> None:
        if status is not None:
            status.update(f"{stage.capitalize()} {name}…")

    return show


class _nothing:
    def __enter__(self) -> None:
        return None

    def __exit__(self, *exc: object) -> None:
        return None


def _fail(message: str) -> None:
    err.print(f"[bold red]Error:[/] {message}", highlight=False)
    raise typer.Exit(2)
