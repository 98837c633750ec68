"""What a file looks like: asks every source whether it recognises the header, for 'wrong source' messages."""

from __future__ import annotations

import importlib
from pathlib import Path

from r2p.warehouse.ingest.reader import header
from r2p.warehouse.ingest.result import IngestRefused, Problem

SOURCE_MODULES = ("ewp", "ucdp", "vdem", "wdi", "acled")


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
