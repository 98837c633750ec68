"""What a file looks like: asks every source whether it recognises the header, for 'wrong source' messages."""

from __future__ import annotations

import csv
import importlib
from pathlib import Path

import pandas as pd

from r2p.warehouse.ingest.result import IngestRefused, Problem
from r2p.warehouse.ingest.uploads import WORKBOOK_ERRORS

SOURCE_MODULES = ("ewp", "ucdp", "vdem", "wdi", "acled")


def header(path: Path) -> list[str]:
    """Column names of a CSV or the first sheet of a workbook; [] when there is no readable header."""
    try:
        if path.suffix.lower() == ".xlsx":
            try:
                return [str(c).strip() for c in pd.read_excel(path, nrows=0, engine="openpyxl").columns]
            except WORKBOOK_ERRORS:
                return []
        if path.suffix.lower() == ".geojson":
            return []
        first_line = path.open("rb").readline().decode("utf-8-sig", errors="replace")
        return [c.strip() for c in next(csv.reader([first_line]), [])]
    except (OSError, ValueError, csv.Error):
        return []


def recognise_anywhere(path: Path, columns: list[str]) -> tuple[str, str] | None:
    """(source, kind) of the first source that recognises the file, or None."""
    for name in SOURCE_MODULES:
        try:
            module = importlib.import_module(f"r2p.warehouse.ingest.{name}")
        except ModuleNotFoundError:
            continue
        kind = module.recognise(columns, path)
        if kind:
            return name, kind
    return None


def refuse_wrong_source(path: Path, source: str, expected: str) -> IngestRefused:
    """The refusal for a file the chosen source does not recognise, naming what it looks like instead."""
    found = recognise_anywhere(path, header(path))
    if found and found[0] != source:
        article = "an" if found[1][:1].upper() in "AEIO" else "a"  # "a UCDP", "an EWP", "an ACLED"
        message = (f"looks like {article} {found[1]} file (source `{found[0]}`), not {expected}; "
                   f"load it with `r2p ingest {found[0]} {path.name}`")
    else:
        message = f"is not recognised as {expected} (columns: {', '.join(header(path)[:10]) or 'none readable'})"
    return IngestRefused([Problem(path.name, message, 1)], "unrecognised")
