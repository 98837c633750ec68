"""Ingest sources: each turns a file into staged rows that load in one transaction, or refuses it whole.

A source module `r2p.warehouse.ingest.<name>` provides:
    DESCRIPTION: str                                   one line for `r2p ingest --help`
    recognise(columns: list[str], path: Path) -> str | None   the file kind if the header is this source's
    read(path: Path, reference: Reference) -> Staged   stage the file, or raise IngestRefused
"""

from __future__ import annotations

import importlib
from pathlib import Path
from types import ModuleType

from r2p.warehouse.ingest.framework import AfterLoad, Progress, ingest_file
from r2p.warehouse.ingest.result import IngestResult
from r2p.warehouse.ingest.table import read_table
from r2p.warehouse.releases import Release
from r2p.warehouse.store import Warehouse

SOURCE_NAMES = ("table", "ewp", "ucdp", "vdem", "wdi", "acled")


def source_module(name: str) -> ModuleType:
    """The module implementing a source."""
    if name not in SOURCE_NAMES:
        raise ValueError(f"unknown source {name!r}; choose one of: {', '.join(SOURCE_NAMES)}")
    return importlib.import_module(f"r2p.warehouse.ingest.{name}")


def ingest(
    warehouse: Warehouse, source: str, path: Path, meta: Path | None = None, progress: Progress | None = None,
    after_load: AfterLoad | None = None, release: Release | None = None,
) -> IngestResult:
    """Load one file from a named source (see SOURCE_NAMES); `after_load` runs inside the same transaction.

    `release` states the file's release (else it is read from the file's name or content)."""
    module = source_module(source)
    report = progress or (lambda stage: None)
    if source != "table":
        return ingest_file(warehouse, source, path, module.read, (), report, after_load, release)
    extra = (meta,) if meta else ()
    if meta is None and path.suffix.lower() != ".xlsx":
        sibling = path.with_name(f"{path.stem}.indicators.csv")
        extra = (sibling,) if sibling.is_file() else ()
    return ingest_file(warehouse, source, path, lambda p, ref: read_table(p, ref, meta), extra, report,
                       after_load, release)
