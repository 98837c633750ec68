"""Printing tables the way scripts and people want them: an aligned table, CSV or JSON."""

from __future__ import annotations

import sys
from enum import StrEnum

import pandas as pd
import typer


class Format(StrEnum):
    table = "table"
    csv = "csv"
    json = "json"


def emit(frame: pd.DataFrame, output: Format) -> None:
    """Write the frame to stdout in the chosen format."""
    if output is Format.csv:
        frame.to_csv(sys.stdout, index=False)
    elif output is Format.json:
        typer.echo(frame.to_json(orient="records", date_format="iso"))
    else:
        typer.echo(frame.to_string(index=False) if len(frame) else "(none)")
