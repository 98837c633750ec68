"""What an ingest hands back: problems found, rows staged, and the outcome scripts read as JSON."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from datetime import date

import duckdb
import pandas as pd


@dataclass(frozen=True)
class Problem:
    """One thing wrong with an input file, located as precisely as the file allows."""

    file: str
    message: str
    row: int | None = None  # spreadsheet numbering: the header is row 1, the first data row is row 2
    column: str | None = None
    value: str | None = None

    def __str__(self) -> str:
        where = [self.file]
        if self.row is not None:
            where.append(f"row {self.row}")
        if self.column is not None:
            where.append(f'column "{self.column}"')
        shown = "" if self.value is None else f"{_clip(self.value)!r}: "
        return f"{', '.join(where)}: {shown}{self.message}"

    def as_dict(self) -> dict[str, object]:
        return asdict(self) | {"text": str(self)}


def _clip(value: str, limit: int = 80) -> str:
    return value if len(value) <= limit else value[: limit - 1] + "…"


class IngestRefused(Exception):
    """The file was refused whole; nothing was written."""

    def __init__(self, problems: list[Problem], kind: str = "unknown", rows_read: int = 0) -> None:
        self.problems = problems
        self.kind = kind
        self.rows_read = rows_read
        super().__init__("\n".join(str(p) for p in problems[:5]))


@dataclass
class Staged:
    """Rows an importer has read and checked, ready to load in one transaction.

    `observations` columns: iso3, indicator_id, period, value (+ `_row`, `_column` locating each value).
    `events` columns: event_id, iso3, event_date, admin1, latitude, longitude, violence_type,
    deaths_best, deaths_low, deaths_high, source_ref (+ `_row`).
    `rejects`: rows deliberately left out: row_number, column_name, value, message.
    """

    kind: str
    rows_read: int
    observations: pd.DataFrame | None = None
    events: pd.DataFrame | None = None
    indicators: pd.DataFrame | None = None  # new indicator metadata (catalog columns)
    rejects: pd.DataFrame = field(
        default_factory=lambda: pd.DataFrame(columns=["row_number", "column_name", "value", "message"])
    )
    as_of: date | None = None  # the data's as-of date (stated by the file, else the end of its latest year)
    published: date | None = None  # the release date the file itself states: only this names a release
    problems: list[Problem] = field(default_factory=list)  # found while reading; more are added by validation
    # Rows checked and staged in DuckDB, inside the load's own transaction (a refusal rolls it back): this
    # stages them there and returns what it staged: `events_staged` events in the temp table `ingest_event`
    # (EVENT_COLUMNS + `_row`), with what the common event checks found in `event_problems`.
    stage: Callable[[duckdb.DuckDBPyConnection], Staged] | None = None
    events_staged: int = 0
    event_problems: list[Problem] = field(default_factory=list)


@dataclass(frozen=True)
class IngestResult:
    """The outcome of one `r2p ingest`: the JSON object scripts and tests read."""

    source: str
    file: str
    kind: str
    rows_read: int
    rows_loaded: int
    rows_rejected: int
    status: str  # loaded | unchanged | refused
    errors: list[Problem]
    errors_total: int
    ingest_id: int | None = None
    release: str | None = None  # e.g. "EWP 2025"; None when the release cannot be known
    published: date | None = None
    held_back: int = 0  # values kept only as a vintage: a newer release of the source holds their keys
    release_in_force: str | None = None  # that newer release, e.g. "EWP 2025, published 2025-08-04"

    def as_json(self, cap: int) -> dict[str, object]:
        return {
            "source": self.source,
            "file": self.file,
            "kind": self.kind,
            "rows_read": self.rows_read,
            "rows_loaded": self.rows_loaded,
            "rows_rejected": self.rows_rejected,
            "status": self.status,
            "errors": [p.as_dict() for p in self.errors[:cap]],
            "errors_total": self.errors_total,
            "ingest_id": self.ingest_id,
            "release": self.release,
            "published": self.published.isoformat() if self.published else None,
            "held_back": self.held_back,
            "release_in_force": self.release_in_force,
        }
