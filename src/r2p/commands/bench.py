"""`r2p bench`: build a scaled synthetic warehouse in a temporary folder and print the performance figures as JSON."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer

import r2p
from r2p.bench.measure import stderr_progress
from r2p.bench.plot import cost_curve_svg
from r2p.bench.report import markdown

APP = Path(r2p.__file__).resolve().parents[2] / "app.py"


def register(app: typer.Typer) -> None:
    app.command(name="bench")(bench)


def bench(
    scale: Annotated[float, typer.Option(help="1 = every country x 1960-last year x 100 indicators and 5 M events.")]
    = 1.0,
    json_file: Annotated[Path | None, typer.Option("--json", help="Also write the JSON to this file.")] = None,
    runs: Annotated[int, typer.Option(help="Runs per data query (p50/p95).", min=5)] = 30,
    keep: Annotated[Path | None, typer.Option(help="Build in this folder and keep it (default: a temporary one).")]
    = None,
    plot: Annotated[Path | None, typer.Option(help="Also draw the cost curve as an SVG file.")] = None,
    report: Annotated[Path | None, typer.Option(help="Also write the figures as Markdown tables.")] = None,
) -> None:
    """Measure page runs, data queries, ingest, the pandas baseline, memory and the cost curve; JSON to stdout."""
    if scale <= 0:
        raise typer.BadParameter("--scale must be a positive number, e.g. 1 or 0.01")
    if not APP.is_file():
        raise typer.BadParameter(f"app.py not found at {APP}: run r2p bench from a checkout of R2P Watch")
    # NOTE: imported here, so `r2p --help` and the other commands do not load Streamlit.
    from r2p.bench.page_timing import time_pages
    from r2p.bench.run import run_bench

    result = run_bench(scale, APP, time_pages, stderr_progress, runs, keep)
    text = json.dumps(result, indent=2, default=str)
    if json_file is not None:
        json_file.write_text(text + "\n", encoding="utf-8")
    if plot is not None:
        title = f"Event queries (Country, Meeting prep) x10, scale {scale}, {result['measured_at'][:10]}"
        plot.write_text(cost_curve_svg(result["scaling"], title), encoding="utf-8")
    if report is not None:
        report.write_text(markdown(result), encoding="utf-8")
    typer.echo(text)
    missed = [name for name, target in result["targets"].items() if not target["met"]]
    stderr_progress("targets missed: " + ", ".join(missed) if missed else "every target met")
