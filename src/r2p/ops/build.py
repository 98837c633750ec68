"""Building the warehouse: `r2p init` (schema, reference, demo) and ingest, each followed, in the same transaction,
by fresh tier scores and a run of the trigger rules."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path

import duckdb
import pandas as pd

from r2p import catalog, geo, reference
from r2p.access.rights import User, require
from r2p.demo import series as demo
from r2p.engagement.seed import load_seed
from r2p.tiers.method import methods
from r2p.tiers.refresh import refresh_scores
from r2p.triggers.runs import TriggerRun, run_triggers
from r2p.warehouse.catalog_sync import sync_catalog
from r2p.warehouse.ingest import ingest
from r2p.warehouse.ingest.framework import AfterLoad, Progress, load_staged
from r2p.warehouse.ingest.result import IngestResult, Staged
from r2p.warehouse.migrate import migrate, schema_version
from r2p.warehouse.queries import run, staged
from r2p.warehouse.releases import Release
from r2p.warehouse.store import Warehouse

DEMO_SEED = 2014
DEMO_VERSION = "2"
# Besides what the tier methods use: the outcome the backtest checks, and what triggers and maps show first.
DEMO_EXTRA_INDICATORS = ("ewp.risk_2yr", "ewp.mk_onset", "ewp.mk_ongoing", "ucdp.battle_deaths", "ucdp.osv_deaths")


@dataclass(frozen=True)
class InitReport:
    """What `r2p init` did."""

    location: str
    migrations_applied: list[int]
    schema_version: int
    countries: int
    indicators: int
    demo: str  # loaded | unchanged | removed | absent | kept-real-data
    triggers: TriggerRun | None = None  # what the trigger rules did, run at the end of the same write


def initialise(warehouse: Warehouse, want_demo: bool | None = None, today: date | None = None) -> InitReport:
    """Idempotent: running it twice leaves the same contents but one more trigger run record. want_demo None = demo
    only without real data. The trigger rules run as of `today` (default: today, UTC)."""
    last_year = (today or date.today()).year - 1
    with warehouse.write() as connection:
        applied = migrate(connection)
        load_reference(connection)
        load_seed(connection)
        demo_status = _apply_demo(connection, want_demo, last_year)
        refresh_scores(connection)
        triggered = run_triggers(connection, "r2p init", today)
        version = schema_version(connection)
        counts = run(connection, "read/reference_counts").iloc[0]
    return InitReport(warehouse.label, applied, version, int(counts["countries"]), int(counts["indicators"]),
                      demo_status, triggered)


def ingest_and_score(warehouse: Warehouse, source: str, path: Path, meta: Path | None = None,
                     progress: Progress | None = None, *, user: User, release: Release | None = None) -> IngestResult:
    """`r2p ingest` (and `r2p update`): load a file and, in the same transaction, recompute every tier method's
    scores and run the trigger rules (which open and escalate reviews, and record the run).

    Raises PermissionDenied before reading the file unless the user's role may ingest (admin).
    """
    require(user, "ingest")
    return ingest(warehouse, source, path, meta, progress, after_load=score_and_trigger(f"r2p ingest {source}"
                                                                                         f" ({user.name})"),
                  release=release)


def score_and_trigger(who: str) -> AfterLoad:
    """What runs after a load, inside its transaction: fresh tier scores, then the trigger rules on them.

    NOTE: with R2P_EVENTS_PARQUET set the write sees the warehouse's own `event` table, not the Parquet files, so
    the event rules fire only in `r2p triggers` (which reads through the reader)."""
    def after_load(connection: duckdb.DuckDBPyConnection) -> None:
        refresh_scores(connection)
        run_triggers(connection, who)

    return after_load


def load_reference(connection: duckdb.DuckDBPyConnection) -> None:
    """Countries, aliases, the ccode crosswalk, sources and the catalog, replaced as shipped."""
    countries = reference.load_countries()
    shipped = {"shipped_country": (countries, "write/replace_countries"),
               "shipped_alias": (_aliases(countries), "write/replace_country_aliases"),
               "shipped_ccode": (reference.load_ccode_crosswalk(), "write/replace_ccode_crosswalk")}
    for frame_name, (frame, replacement) in shipped.items():
        with staged(connection, **{frame_name: frame}):
            run(connection, replacement)
    sync_catalog(connection)


def _aliases(countries: pd.DataFrame) -> pd.DataFrame:
    exploded = countries[["iso3", "aliases"]].assign(alias=countries["aliases"].fillna("").str.split("|"))
    exploded = exploded.explode("alias")
    exploded["alias"] = exploded["alias"].str.strip().str.lower()
    return exploded[exploded["alias"] != ""].drop_duplicates(["alias"])[["alias", "iso3"]]


def _apply_demo(connection: duckdb.DuckDBPyConnection, want_demo: bool | None, last_year: int) -> str:
    has_real = bool(run(connection, "read/has_real_data").iloc[0, 0])
    if want_demo is False or (want_demo is None and has_real):
        removed = _remove_demo(connection)
        return "removed" if removed else ("kept-real-data" if has_real else "absent")
    digest = hashlib.sha256(f"demo:{DEMO_VERSION}:{DEMO_SEED}:{last_year}".encode()).hexdigest()
    if len(run(connection, "read/ingest_by_hash", {"source_id": "demo", "sha256": digest})):
        return "unchanged"
    _remove_demo(connection)
    data = demo.generate_demo(reference.load_countries(), demo_indicators(), geo.country_geometries(),
                              geo.load_small_states(), last_year=last_year, seed=DEMO_SEED)
    staged = Staged(kind="demo", rows_read=len(data.observations) + len(data.events),
                    observations=data.observations, events=data.events, as_of=date(last_year, 12, 31))
    load_staged(connection, "demo", f"demo seed {DEMO_SEED}", digest, staged, datetime.now(UTC))
    return "loaded"


def demo_indicators() -> pd.DataFrame:
    """The catalog rows the demo generates: every indicator a tier method uses, plus DEMO_EXTRA_INDICATORS.

    NOTE: not a forecast method's predictors: a model trained on generated data would forecast nothing real, and
    its fits would slow every demo build (without its predictors a forecast method stores no scores). Nor an
    ensemble's: it ranks a forecast's scores too, so on the demo it has none to rank."""
    wanted = {spec.id for method in methods() if method.scoring not in ("forecast", "ensemble")
              for spec in method.indicators}
    wanted |= set(DEMO_EXTRA_INDICATORS)
    frame = catalog.indicators_frame()
    return frame[frame["id"].isin(wanted)].reset_index(drop=True)


def _remove_demo(connection: duckdb.DuckDBPyConnection) -> int:
    removed = int(run(connection, "read/demo_load_count")["loads"].iloc[0])
    run(connection, "write/remove_demo_data")
    return removed
