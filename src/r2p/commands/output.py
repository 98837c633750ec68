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
        typer.echo(readable_text(frame).to_string(index=False, na_rep="-") if len(frame) else "(none)")


def readable_text(frame: pd.DataFrame) -> pd.DataFrame:
    """The frame as a person reads it in a terminal: '-' where a value is missing (not None, NaN, NaT or <NA>), a
    date without a midnight time, a moment to the second (stored in UTC). Float columns stay numbers, so each is
    printed to one number of decimals. CSV and JSON keep every value as it is."""
    shown = frame.copy()
    for column in shown.columns:
        values = shown[column]
        if pd.api.types.is_float_dtype(values) and not isinstance(values.dtype, pd.api.extensions.ExtensionDtype):
            continue  # NaN prints as na_rep
        if pd.api.types.is_datetime64_any_dtype(values):
            moments = values.dropna()
            is_day = bool((moments == moments.dt.normalize()).all())
            values = values.dt.strftime("%Y-%m-%d" if is_day else "%Y-%m-%d %H:%M:%S")
        shown[column] = values.astype(object).where(values.notna(), "-")
    return shown
