"""Numbered schema migrations: a warehouse built by an older version upgrades in place."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, datetime
from functools import lru_cache
from importlib import resources

import duckdb

from r2p.warehouse.queries import run, sql
from r2p.warehouse.releases import backfill_releases

_NAME = re.compile(r"^(\d{3})_([a-z0-9_]+)\.sql$")
# Data steps SQL cannot do, run right after the migration of that name (by name: numbers may be renumbered).
_AFTER = {"release_vintages": backfill_releases}  # the releases of earlier loads, from their file names


@dataclass(frozen=True)
class Migration:
    """One schema step: `NNN_name.sql` in r2p/warehouse/migrations."""

    version: int
    name: str
    sql: str


@lru_cache(maxsize=1)
def migrations() -> tuple[Migration, ...]:
    """Every migration shipped with the package, in order."""
    folder = resources.files("r2p.warehouse").joinpath("migrations")
    found = []
    for entry in folder.iterdir():
        match = _NAME.match(entry.name)
        if match:
            found.append(Migration(int(match[1]), match[2], entry.read_text(encoding="utf-8")))
    return tuple(sorted(found, key=lambda m: m.version))


def latest_version() -> int:
    return migrations()[-1].version


def schema_version(connection: duckdb.DuckDBPyConnection) -> int:
    """The version a warehouse is at; 0 for an empty database."""
    return max(applied_versions(connection), default=0)


def applied_versions(connection: duckdb.DuckDBPyConnection) -> set[int]:
    if not int(run(connection, "read/has_schema")["found"].iloc[0]):
        return set()
    return {int(version) for (version,) in connection.execute(sql("read/applied_migrations")).fetchall()}


def migrate(connection: duckdb.DuckDBPyConnection, target: int | None = None) -> list[int]:
    """Apply every shipped migration not yet applied (up to `target`), in order; returns the versions applied.

    NOTE: by set, not by 'above the current version': a migration numbered below one already applied (two
    branches of work landing in either order) must still run.
    """
    current = schema_version(connection)
    if current > latest_version():
        raise RuntimeError(
            f"This warehouse is at schema version {current}, newer than this R2P Watch "
            f"({latest_version()}). Upgrade R2P Watch."
        )
    done = applied_versions(connection)
    applied = []
    for migration in migrations():
        if migration.version in done or (target is not None and migration.version > target):
            continue
        connection.execute(migration.sql)
        if migration.name in _AFTER:
            _AFTER[migration.name](connection)
        run(connection, "write/record_migration",
            {"version": migration.version, "name": migration.name, "at": datetime.now(UTC)})
        applied.append(migration.version)
    return applied
