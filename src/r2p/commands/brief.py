"""`r2p brief ISO3 --format pdf|pptx --out FILE`: the Meeting prep page's briefing pack, from the command line."""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from r2p.exports.briefing import BriefingError
from r2p.exports.pack import make_pack
from r2p.exports.renderer import RenderError
from r2p.tiers import scored_methods
from r2p.tiers.method import resolve_method
from r2p.warehouse import Warehouse, WarehouseError


class PackFormat(StrEnum):
    pdf = "pdf"
    pptx = "pptx"


def register(app: typer.Typer) -> None:
    """Add `brief` to the main app."""
    app.command("brief")(brief)


def brief(
    iso3: Annotated[str, typer.Argument(help="Country ISO3 code, e.g. SDN.")],
    out: Annotated[Path, typer.Option("--out", help="File to write (overwritten if it exists).", dir_okay=False)],
    fmt: Annotated[PackFormat, typer.Option("--format", help="pdf or pptx.")] = PackFormat.pdf,
    since: Annotated[datetime | None, typer.Option(formats=["%Y-%m-%d"],
                                                   help="Report changes from this date (default: a year ago).")] = None,
    method_name: Annotated[str | None, typer.Option("--method", help="Tier method id or version label "
                                                                     "(default: R2P_TIER_METHOD).")] = None,
) -> None:
    """Build the briefing pack for a country as the Meeting prep page does: the bottom line on page 1, then what
    changed, scenarios and actors, options, next decision points, engagement, who should be in the room, and
    sources and method. Print where it went and how long it took."""
    if not out.parent.is_dir():
        _fail(f"The folder {out.parent} does not exist.")
    try:
        chosen, _ = resolve_method(method_name, strict=True, scored=scored_methods(Warehouse.default()))
    except KeyError as error:
        _fail(str(error.args[0]))
    try:
        pack = make_pack(Warehouse.default(), iso3, fmt.value, since.date() if since else None, chosen.label)
    except (BriefingError, WarehouseError, RenderError) as error:
        _fail(str(error))
    out.write_bytes(pack.data)
    typer.echo(f"Wrote {out} ({len(pack.data) / 1024:.0f} KB, {fmt.value}) in {pack.seconds:.1f} s "
               f"(charts {pack.chart_seconds:.1f} s).")


def _fail(message: str) -> None:
    typer.echo(f"Error: {message}", err=True)
    raise typer.Exit(2)
