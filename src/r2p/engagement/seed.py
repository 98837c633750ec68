"""The shipped seed registry (real, curated public facts — not demo data), loaded by `r2p init`.

Loading adds the seed rows whose ids the warehouse does not hold yet and never overwrites a row: an editor's
correction or an imported row wins over the shipped one. Seed engagement ids stay below SEED_RANGE; ids
given to engagements added later start above it, so a newer seed never collides with local additions.
"""

from __future__ import annotations

from dataclasses import dataclass
from importlib import resources
from pathlib import Path

import duckdb
import pandas as pd

from r2p.engagement.csvio import KEYS, write_rows
from r2p.engagement.registry import Registry, empty, shipped_coverage
from r2p.engagement.validation import FILES, validate_files
from r2p.warehouse.audit import audit
from r2p.warehouse.ingest.reader import ROW, read_csv
from r2p.warehouse.queries import run

SEED_RANGE = 100_000
SEED_SOURCE = ("Curated from public sources (UN, US Government, regional organisations, courts) for R2P Watch; "
               "real data, not demo. Rows marked unverified could not be checked against a primary source.")


class SeedError(RuntimeError):
    """The shipped seed files do not pass validation: a packaging bug."""


@dataclass(frozen=True)
class SeedReport:
    """Rows the seed added per table (0 everywhere when the warehouse already had them)."""

    added: dict[str, int]


def seed_directory() -> Path:
    return Path(str(resources.files("r2p.engagement").joinpath("data")))


def seed_frames(countries: set[str]) -> dict[str, pd.DataFrame]:
    """The shipped seed, parsed and validated on its own (raises SeedError listing every problem)."""
    raw = {table: read_csv(seed_directory() / name, "engagement", empty_ok=True).drop(columns=ROW)
           for table, name in FILES.items()}
    nothing = Registry(empty("actors"), empty("situations"), empty("engagements"), shipped_coverage())
    parsed, problems = validate_files(raw, nothing, countries)
    if problems:
        raise SeedError("The shipped engagement seed is invalid:\n" + "\n".join(str(p) for p in problems))
    return parsed


def load_seed(connection: duckdb.DuckDBPyConnection) -> SeedReport:
    """Inside the caller's write (after the countries are loaded): add the seed rows not held yet."""
    existing = Registry.from_frames(run(connection, "read/actors"), run(connection, "read/situations"),
                                    run(connection, "read/engagements"))
    parsed = seed_frames(set(run(connection, "read/country_names")["iso3"]))
    added = {}
    for table, frame in parsed.items():
        held = set(getattr(existing, table)[KEYS[table]])
        new = frame[~frame[KEYS[table]].isin(held)].drop(columns="_row")
        write_rows(connection, table, new, existing, "r2p init", "shipped seed", action="seed-row")
        added[table] = len(new)
    if any(added.values()):
        audit(connection, "seed", "engagement_registry", None, None, added | {"source": SEED_SOURCE}, "r2p init")
    return SeedReport(added)

