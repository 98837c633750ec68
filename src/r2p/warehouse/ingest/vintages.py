"""Loading staged rows by release: current values come from the newest release; older ones stay as vintages."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import duckdb
import pandas as pd

from r2p.warehouse.ingest.reader import first_rows
from r2p.warehouse.ingest.result import Staged
from r2p.warehouse.ingest.ucdp_candidate import settle_coverage
from r2p.warehouse.queries import run, staged
from r2p.warehouse.releases import UNKNOWN, Release, release_from_name, ucdp_release

EVENT_COLUMNS = ["event_id", "iso3", "event_date", "admin1", "latitude", "longitude", "violence_type",
                 "deaths_best", "deaths_low", "deaths_high", "source_ref"]
# File kinds whose `as_of` is the publisher's own "last updated" date, which names the release.
_WDI_DATED_KINDS = frozenset({"wdi-api-download", "wdi-r"})


@dataclass(frozen=True)
class HeldBack:
    """Values of a load kept only as a vintage because a newer release of the same source holds their keys."""

    release_in_force: str  # e.g. "EWP 2025, published 2025-08-04"
    values: int


def find_release(source: str, path: Path, staged: Staged, stated: Release | None = None) -> Release:
    """The release a load belongs to: as stated (`--release`), else from the file name, else from its content."""
    if stated is not None:
        return stated
    named = release_from_name(source, path.name)
    if named is not None:
        return named
    if source == "ucdp" and staged.kind == "ucdp-brd":
        return _brd_version_column(path) or UNKNOWN
    if source == "wdi" and staged.kind in _WDI_DATED_KINDS and staged.published is not None:
        updated = staged.published
        return Release(f"WDI {updated.isoformat()}", (updated.year, updated.month, updated.day), updated,
                       "file content")
    return UNKNOWN


def _brd_version_column(path: Path) -> Release | None:
    """UCDP's BRD CSV carries its version in a `version` column (e.g. 25.1)."""
    rows = first_rows(path, 2)
    if len(rows) < 2 or "version" not in rows[0] or len(rows[1]) != len(rows[0]):
        return None
    cell = rows[1][rows[0].index("version")]
    parts = cell.split(".")
    if not all(part.isdigit() for part in parts):
        return None
    return ucdp_release("BRD", tuple(int(p) for p in parts), "file content")


def load_observations(connection: duckdb.DuckDBPyConnection, observations: pd.DataFrame | None, ingest_id: int,
                      is_demo: bool) -> list[HeldBack]:
    """Load values as current unless a newer release of the source holds their keys; returns what was held back."""
    if observations is None or observations.empty:
        return []
    rows = observations[["iso3", "indicator_id", "period", "value"]].assign(ingest_id=ingest_id)
    with staged(connection, staged_observation=rows):
        run(connection, "write/drop_stale_vintage_observations", {"ingest_id": ingest_id})
        run(connection, "write/keep_superseded_observations", {"ingest_id": ingest_id})
        # A newer load of the same key replaces the older value; real data for an indicator replaces demo data.
        run(connection, "write/drop_replaced_observations", {"replace_demo": not is_demo, "ingest_id": ingest_id})
        run(connection, "write/add_observations")
        return _held(run(connection, "read/observations_held_back", {"ingest_id": ingest_id}))


def load_events(connection: duckdb.DuckDBPyConnection, events: pd.DataFrame | None, source: str, ingest_id: int,
                is_demo: bool, events_staged: int = 0) -> list[HeldBack]:
    """Load events as current unless a newer release of the source holds them; returns what was held back.

    `events_staged`: the events are not a frame but already in the connection, in the temp table ingest_event."""
    if events_staged:
        return _load_staged_events(connection, source, ingest_id, is_demo)
    if events is None or events.empty:
        return []
    rows = events.reindex(columns=EVENT_COLUMNS).assign(source_id=source, ingest_id=ingest_id)
    rows, covered = settle_coverage(connection, rows, ingest_id)  # UCDP GED Candidate against final GED, by period
    with staged(connection, staged_event=rows):
        return _write_events(connection, ingest_id, is_demo, _held(covered))


def _write_events(connection: duckdb.DuckDBPyConnection, ingest_id: int, is_demo: bool,
                  covered: list[HeldBack]) -> list[HeldBack]:
    """Vintages first, then the insert, all reading the relation `staged_event`; returns what was held back."""
    # NOTE: the vintage statements cost about 2 CPU-s for 5 M new events; the probe a fraction of that.
    known = known_events(connection)  # none known: no vintage to keep or drop, nothing held back
    if known:
        run(connection, "write/drop_stale_vintage_events", {"ingest_id": ingest_id})
        run(connection, "write/keep_superseded_events", {"ingest_id": ingest_id})
        run(connection, "write/drop_replaced_events", {"ingest_id": ingest_id})
    if not is_demo:
        run(connection, "write/drop_demo_events")
    # NOTE: what is held back is read before the insert, which it does not change (measured on 5 M events:
    # 1.55 s after the insert, under 0.05 s before it).
    held = _held(run(connection, "read/events_held_back", {"ingest_id": ingest_id})) if known else []
    run(connection, "write/add_events")  # stored by country then date: see the NOTE in that file
    return held + covered


def known_events(connection: duckdb.DuckDBPyConnection) -> bool:
    """Whether any event of `staged_event` is already stored, as a current event or as a vintage."""
    return bool(run(connection, "read/staged_events_known")["known"].iloc[0])


def _load_staged_events(connection: duckdb.DuckDBPyConnection, source: str, ingest_id: int,
                        is_demo: bool) -> list[HeldBack]:
    """The same writes as for a frame, reading the temp table ingest_event through the view staged_event."""
    run(connection, "ops/ingest_staged_event_view", spliced={"source": source, "ingest_id": str(ingest_id)})
    try:
        return _write_events(connection, ingest_id, is_demo, [])
    finally:
        run(connection, "ops/drop_view", spliced={"name": "staged_event"})
        run(connection, "ops/drop_table", spliced={"name": "ingest_event"})


def _held(frame: pd.DataFrame) -> list[HeldBack]:
    frame = frame.sort_values("release_rank", ascending=False)
    return [HeldBack(str(Release(row.release, None, _date_or_none(row.published))), int(row.values_held))
            for row in frame.itertuples(index=False)]


def _date_or_none(value: object) -> object:
    return None if value is None or pd.isna(value) else pd.Timestamp(value).date()
