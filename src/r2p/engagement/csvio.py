"""CSV import and export of actors, situations and engagements: refused whole on any problem, audited per row."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

import duckdb
import pandas as pd

from r2p.access.rights import User, require
from r2p.engagement.dates import format_partial_date
from r2p.engagement.registry import DATE_COLUMNS, Registry, load_registry
from r2p.engagement.validation import CSV_COLUMNS, FILES, validate_files
from r2p.warehouse.audit import audit
from r2p.warehouse.ingest.reader import ROW, read_csv
from r2p.warehouse.ingest.result import IngestRefused, Problem
from r2p.warehouse.ingest.uploads import check_upload
from r2p.warehouse.queries import query, run, staged
from r2p.warehouse.store import Warehouse

KEYS = {"actors": "actor_id", "situations": "situation_id", "engagements": "engagement_id"}
ENTITIES = {"actors": "actor", "situations": "situation", "engagements": "engagement"}
_STAGED = {"actors": "staged_actor", "situations": "staged_situation", "engagements": "staged_engagement"}
_UPSERTS = {"actors": "write/upsert_actors", "situations": "write/upsert_situations",
            "engagements": "write/upsert_engagements"}


@dataclass(frozen=True)
class ImportResult:
    """What an import did: loaded (rows changed per table), unchanged, or refused with every problem."""

    status: str
    changed: dict[str, int] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)


def csv_frame(frame: pd.DataFrame, table: str) -> pd.DataFrame:
    """Rows as the CSV files hold them: text cells, partial dates, true/false, blanks for missing values."""
    out = pd.DataFrame(index=frame.index)
    for column in CSV_COLUMNS[table]:
        if column in DATE_COLUMNS.get(table, ()):
            out[column] = [format_partial_date(v, p) for v, p in zip(frame[column], frame[f"{column}_precision"],
                                                                    strict=True)]
        elif column == "verified":
            out[column] = frame[column].map({True: "true", False: "false"})
        else:
            out[column] = [("" if pd.isna(v) else str(v)) for v in frame[column]]
    return out.reset_index(drop=True)


def csv_texts(registry: Registry) -> dict[str, str]:
    """File name -> CSV text, exactly as `r2p engagement export` writes it."""
    frames = {"actors": registry.actors, "situations": registry.situations, "engagements": registry.engagements}
    return {FILES[table]: csv_frame(frame.sort_values(KEYS[table]), table).to_csv(index=False, lineterminator="\n")
            for table, frame in frames.items()}


def export_registry(warehouse: Warehouse, directory: Path) -> dict[str, int]:
    """Write actors.csv, situations.csv and engagements.csv into `directory`; returns rows per file."""
    directory.mkdir(parents=True, exist_ok=True)
    written = {}
    for name, text in csv_texts(load_registry(warehouse)).items():
        (directory / name).write_text(text, encoding="utf-8")
        written[name] = text.count("\n") - 1
    return written


def read_directory(directory: Path) -> dict[str, pd.DataFrame]:
    """The registry files present in `directory` as text cells; IngestRefused when none is there."""
    present = {table: directory / name for table, name in FILES.items() if (directory / name).is_file()}
    if not present:
        raise IngestRefused([Problem(str(directory), f"holds none of {', '.join(FILES.values())}")], "engagement")
    frames, problems = {}, []
    for table, path in present.items():
        try:
            check_upload(path, "engagement")
            frames[table] = read_csv(path, "engagement", empty_ok=True).drop(columns=ROW)
        except IngestRefused as refused:
            problems += refused.problems
    if problems:
        raise IngestRefused(problems, "engagement")
    return frames


def import_registry(warehouse: Warehouse, directory: Path, user: User, reason: str | None = None) -> ImportResult:
    """Validate the files against the warehouse and upsert their rows by id in one write, or change nothing.

    Raises PermissionDenied before reading anything unless the user's role may import (admin).
    """
    require(user, "engagement_import")
    try:
        raw = read_directory(directory)
    except IngestRefused as refused:
        return ImportResult("refused", problems=refused.problems)
    existing = load_registry(warehouse)
    parsed, problems = validate_files(raw, existing, set(query(warehouse, "read/country_names")["iso3"]))
    if problems:
        return ImportResult("refused", problems=problems)
    changes = {table: changed_rows(frame, existing, table) for table, frame in parsed.items()}
    if not any(len(rows) for rows in changes.values()):
        return ImportResult("unchanged")
    with warehouse.write() as connection:
        for table, rows in changes.items():
            write_rows(connection, table, rows, existing, user.name, reason or f"import from {directory.name}")
    return ImportResult("loaded", changed={table: len(rows) for table, rows in changes.items()})


def changed_rows(incoming: pd.DataFrame, existing: Registry, table: str) -> pd.DataFrame:
    """The incoming rows that are new or differ from the warehouse's row with the same id."""
    current = _records(_frame(existing, table), table)
    wanted = csv_frame(incoming, table).to_dict("records")
    keep = [current.get(row[KEYS[table]]) != row for row in wanted]
    return incoming[keep].drop(columns="_row", errors="ignore").reset_index(drop=True)


def write_rows(connection: duckdb.DuckDBPyConnection, table: str, rows: pd.DataFrame, existing: Registry,
               who: str | None, reason: str, action: str = "import") -> None:
    """Upsert rows inside the caller's write, with one audit row each: before, after and the reason."""
    if rows.empty:
        return
    before = _records(_frame(existing, table), table)
    with staged(connection, **{_STAGED[table]: rows}):
        run(connection, _UPSERTS[table])
    for after in csv_frame(rows, table).to_dict("records"):
        key = after[KEYS[table]]
        audit(connection, action, ENTITIES[table], key, before.get(key), after | {"reason": reason}, who)


def _frame(registry: Registry, table: str) -> pd.DataFrame:
    return {"actors": registry.actors, "situations": registry.situations, "engagements": registry.engagements}[table]


def _records(frame: pd.DataFrame, table: str) -> Mapping[str, dict]:
    return {row[KEYS[table]]: row for row in csv_frame(frame, table).to_dict("records")}
