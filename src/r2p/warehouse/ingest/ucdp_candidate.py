"""UCDP GED Candidate: the monthly, provisional GED releases (GEDEvent_vYY_0_M.csv) and how releases supersede them.

- Columns: those of the GED CSV release (ucdp_ged.py checks and maps them the same way); a bad cell refuses the
  whole file, naming file, row and column.
- Events only: a candidate file holds a month, so the country-year totals the final GED gives would be partial
  years; they are not loaded (the final release brings them).
- Coverage: each UCDP GED load covers, per country in it, whole months (candidate) or whole years (final GED)
  from its first to its last event. Loading one (a) moves the provisional events of older or equal releases that
  fall in its coverage out of `event` (older ones stay as vintages): a final GED for 2024 supersedes the candidate
  events of 2024, renumbered ones included; and (b) keeps a candidate's own events out of `event` (as vintages)
  where a newer release already covers them: an older candidate never overwrites newer data.
"""

from __future__ import annotations

from pathlib import Path

import duckdb
import pandas as pd

from r2p.warehouse.ingest.result import Staged
from r2p.warehouse.ingest.ucdp_common import read_columns
from r2p.warehouse.ingest.ucdp_ged import ALIASES, COLUMNS, REQUIRED, stage_ged
from r2p.warehouse.ingest.validate import Reference
from r2p.warehouse.queries import run, staged
from r2p.warehouse.releases import release_from_name

KIND = "ucdp-ged-candidate"
_GED_KINDS = ("ucdp-ged", "ucdp-ged-geojson", KIND)


def is_candidate_file(path: Path) -> bool:
    """A GED Candidate file by its published name (GEDEvent_v25_0_9.csv): a three-part GED version."""
    release = release_from_name("ucdp", path.name)
    return release is not None and (release.label or "").startswith("UCDP GED Candidate")


def read_candidate_csv(path: Path, reference: Reference) -> Staged:
    """The candidate CSV: GED's columns and checks, events only (see the module docstring)."""
    frame = read_columns(path, COLUMNS, (*REQUIRED, "latitude", "longitude"), KIND, ALIASES)
    ged = stage_ged(frame, path.name, KIND, reference)
    return Staged(kind=KIND, rows_read=ged.rows_read, events=ged.events, rejects=ged.rejects, as_of=ged.as_of)


def coverage(events: pd.DataFrame, provisional: bool) -> pd.DataFrame:
    """iso3, covers_from, covers_to: per country, whole months (provisional) or whole years of its events."""
    dates = pd.to_datetime(events["event_date"])
    spans = dates.groupby(events["iso3"]).agg(first="min", last="max")
    if provisional:
        start, end = spans["first"].dt.to_period("M").dt.start_time, spans["last"].dt.to_period("M").dt.end_time
    else:
        start, end = spans["first"].dt.to_period("Y").dt.start_time, spans["last"].dt.to_period("Y").dt.end_time
    return pd.DataFrame({"iso3": spans.index.astype(str), "covers_from": start.dt.date.to_numpy(),
                         "covers_to": end.dt.date.to_numpy()})


def settle_coverage(connection: duckdb.DuckDBPyConnection, events: pd.DataFrame,
                    ingest_id: int) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Inside the load's transaction, before its events load: record the load's coverage and supersede the
    provisional events it covers. Returns the events still to load, and (release, published, release_rank,
    values_held) for a candidate's events a newer release covers (kept as vintages only)."""
    nothing = pd.DataFrame(columns=["release", "published", "release_rank", "values_held"])
    kind = str(run(connection, "read/candidate_load_kind", {"ingest_id": ingest_id})["kind"].iloc[0])
    if kind not in _GED_KINDS:
        return events, nothing
    provisional = kind == KIND
    span = coverage(events, provisional).assign(ingest_id=ingest_id, provisional=provisional)
    with staged(connection, staged_coverage=span[["ingest_id", "iso3", "covers_from", "covers_to", "provisional"]]):
        run(connection, "write/add_candidate_coverage")
    run(connection, "write/keep_superseded_candidate_events", {"ingest_id": ingest_id})
    run(connection, "write/drop_superseded_candidate_events", {"ingest_id": ingest_id})
    if not provisional:
        return events, nothing
    with staged(connection, staged_event=events):
        covered = run(connection, "read/candidate_events_covered", {"ingest_id": ingest_id})
        run(connection, "write/keep_covered_candidate_events", {"ingest_id": ingest_id})
    held = covered.groupby("release", as_index=False).agg(
        published=("published", "max"), release_rank=("release_rank", "max"), values_held=("event_id", "size"))
    return events[~events["event_id"].isin(covered["event_id"])], held
