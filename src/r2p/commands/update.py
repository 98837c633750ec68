"""`r2p update [SOURCE…]`: download the latest public releases and ingest them."""

from __future__ import annotations

from pathlib import PurePosixPath
from typing import Annotated

import typer
from rich.console import Console
from rich.progress import BarColumn, DownloadColumn, Progress, TextColumn, TransferSpeedColumn

from r2p.access.rights import command_line_user
from r2p.ops.build import ingest_and_score
from r2p.ops.update import NOT_PUBLIC, Offline, download, releases
from r2p.warehouse import Warehouse
from r2p.warehouse.releases import Release, release_from_name

err = Console(stderr=True, soft_wrap=True)


def register(app: typer.Typer) -> None:
    app.command()(update)


def update(
    sources: Annotated[list[str] | None, typer.Argument(help="Sources to update (default: all public ones).")] = None,
) -> None:
    """Download the latest public releases (EWP, UCDP, V-Dem, WDI) into the cache and ingest them."""
    chosen = sources or list(releases())
    unknown = [s for s in chosen if s not in releases() and s not in NOT_PUBLIC]
    if unknown:
        err.print(f"Unknown source(s) {', '.join(unknown)}; public sources: {', '.join(releases())}.")
        raise typer.Exit(2)
    for source in [s for s in chosen if s in NOT_PUBLIC]:
        err.print(f"{source}: {NOT_PUBLIC[source]}")
    try:
        files = _download_all([s for s in chosen if s in releases()])
    except Offline as offline:
        err.print(str(offline), highlight=False)
        raise typer.Exit(1) from offline
    refused = 0
    for source, path, named in files:
        result = ingest_and_score(Warehouse.default(), source, path, user=command_line_user(), release=named)
        refused += result.status == "refused"
        err.print(f"{source} {path.name}: {result.status} ({result.rows_loaded} values, {result.rows_rejected}"
                  f" rejected){'; ' + str(result.errors[0]) if result.errors else ''}", highlight=False)
    raise typer.Exit(1 if refused else 0)


def _download_all(chosen: list[str]) -> list[tuple[str, object, Release | None]]:
    """Every file first, so that no network means nothing is ingested at all.

    NOTE: the cache keeps a plain name (basedata.csv), so each file's release comes from its published name."""
    done = []
    with Progress(TextColumn("{task.description}"), BarColumn(), DownloadColumn(), TransferSpeedColumn(),
                  console=err, transient=True) as bar:
        for source in chosen:
            for release in releases()[source]:
                task = bar.add_task(f"{source}/{release.name}", total=None)
                path = download(release, lambda _n, done_bytes, total, t=task: bar.update(t, completed=done_bytes,
                                                                                         total=total))
                if path is None:  # an optional monthly file not published (or mirrored) yet
                    err.print(f"{source}/{release.name}: not on the host yet; skipped", highlight=False)
                    continue
                done.append((source, path, release_from_name(source, PurePosixPath(release.path).name)))
    return done
