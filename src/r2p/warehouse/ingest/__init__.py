"""Ingest sources: each turns a file into staged rows that load in one transaction, or refuses it whole."""

from __future__ import annotations

from pathlib import Path

from r2p.warehouse.ingest.framework import Progress, ingest_file
from r2p.warehouse.ingest.result import IngestResult
from r2p.warehouse.ingest.table import read_table
from r2p.warehouse.store import Warehouse

SOURCES: dict[str, str] = {
    "table": "An analyst's CSV/XLSX table (long or wide) with an indicator metadata sheet",
}


def ingest(
    warehouse: Warehouse, source: str, path: Path, meta: Path | None = None, progress: Progress | None = None
) -> IngestResult:
    """Load one file from a named source (see SOURCES)."""
    if source not in SOURCES:
        raise ValueError(f"unknown source {source!r}; choose one of: {', '.join(SOURCES)}")
    extra = (meta,) if meta else ()
    if source == "table" and meta is None and path.suffix.lower() != ".xlsx":
        sibling = path.with_name(f"{path.stem}.indicators.csv")
        extra = (sibling,) if sibling.is_file() else ()
    return ingest_file(
        warehouse, source, path, lambda p, ref: read_table(p, ref, meta), extra, progress or (lambda s: None)
    )
