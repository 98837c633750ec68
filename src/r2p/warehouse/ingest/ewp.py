"""The `ewp` source: the Early Warning Project's risk assessment files, told apart by their header."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from r2p.warehouse.ingest.ewp_events import episode_sheet, is_events_workbook, read_events
from r2p.warehouse.ingest.ewp_forecasts import COMPACT, FOOS_MARKERS, WINDOW, read_foos, read_forecasts
from r2p.warehouse.ingest.ewp_panel import BASE_MARKERS, PREDICTOR_ALIASES, PREDICTORS, read_base, read_panel
from r2p.warehouse.ingest.reader import header
from r2p.warehouse.ingest.result import Staged
from r2p.warehouse.ingest.sniff import refuse_wrong_source
from r2p.warehouse.ingest.validate import Reference

DESCRIPTION = ("Early Warning Project (USHMM) risk assessment: base data, forecasts, predictor panel,"
               " out-of-sample forecasts, mass-killing events workbook")
EXPECTED = "an Early Warning Project file (base data, forecasts, predictors, FOOS forecasts or events workbook)"
KIND_NAMES = {
    "forecasts": "EWP forecasts", "forecasts-compact": "EWP forecasts (compact list)",
    "foos": "EWP out-of-sample forecasts", "base": "EWP base data", "predictors": "EWP predictor panel",
    "events": "EWP mass-killing events workbook",
}
_READERS: dict[str, Callable[[Path, Reference], Staged]] = {
    "forecasts": read_forecasts, "forecasts-compact": read_forecasts, "foos": read_foos, "base": read_base,
    "predictors": read_panel,
}
_PREDICTOR_NAMES = frozenset(PREDICTORS) | frozenset(PREDICTOR_ALIASES)


def file_kind(columns: list[str], path: Path) -> str | None:
    """Which EWP file a header belongs to: loose marks here, so read() can name a missing required column."""
    names = {c.strip().lower() for c in columns}
    if any(WINDOW.match(n) for n in names):
        return "forecasts"
    if any(COMPACT.match(n) for n in names):
        return "forecasts-compact"
    if len(names & FOOS_MARKERS) >= 2:
        return "foos"
    if len(names & BASE_MARKERS) >= 2:
        return "base"
    if len(names & _PREDICTOR_NAMES) >= 5:
        return "predictors"
    if path.suffix.lower() == ".xlsx" and is_events_workbook(columns, path):
        return "events"
    return None


def recognise(columns: list[str], path: Path) -> str | None:
    kind = file_kind(columns, path)
    return KIND_NAMES[kind] if kind else None


def read(path: Path, reference: Reference) -> Staged:
    """Stage whichever EWP file this is; anything else is refused with what it looks like."""
    if path.suffix.lower() == ".xlsx":  # the format, not the kind: the workbook is then checked for its sheet
        book = episode_sheet(path)
        if book is None:
            raise refuse_wrong_source(path, "ewp", EXPECTED)
        return read_events(path, reference, book)
    kind = file_kind(header(path), path)
    if kind is None:
        raise refuse_wrong_source(path, "ewp", EXPECTED)
    return _READERS[kind](path, reference)
