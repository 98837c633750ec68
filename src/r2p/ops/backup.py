"""Backups: the current warehouse version exported to Parquet with a checksummed manifest, and restored whole."""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import tempfile
import uuid
from datetime import UTC, datetime
from pathlib import Path

import duckdb

from r2p import __version__
from r2p.access.rights import User, require
from r2p.warehouse import Warehouse
from r2p.warehouse.audit import audit
from r2p.warehouse.migrate import applied_versions, latest_version, migrate, schema_version
from r2p.warehouse.queries import run, sql, staged
from r2p.warehouse.store import fsync

MANIFEST = "manifest.json"
FORMAT = "r2p-backup/1"
# DuckDB's EXPORT DATABASE always writes these two beside one Parquet file per table; IMPORT needs both.
REQUIRED = ("schema.sql", "load.sql")


class BackupError(RuntimeError):
    """A backup that cannot be made or trusted; the message names the folder or file and what is wrong."""


def backup(warehouse: Warehouse, folder: Path) -> dict:
    """Export the current version into `folder` with a manifest; a failure leaves no half-written folder."""
    folder = Path(os.path.abspath(folder.expanduser()))
    _check_target(folder)
    folder.parent.mkdir(parents=True, exist_ok=True)
    partial = folder.with_name(f".{folder.name}.partial-{uuid.uuid4().hex[:8]}")
    try:
        snapshot = _export(warehouse, partial)
        manifest = {"format": FORMAT, "created_at": datetime.now(UTC).isoformat(timespec="seconds"),
                    "r2p_version": __version__, "duckdb_version": duckdb.__version__, **snapshot,
                    "files": {path.name: _describe(path) for path in sorted(partial.iterdir())}}
        manifest["checksum"] = _manifest_checksum(manifest)
        (partial / MANIFEST).write_text(json.dumps(manifest, indent=2, sort_keys=True) + "\n", encoding="utf-8")
        for path in partial.iterdir():
            fsync(path)
        _swap_in(partial, folder)
    except BaseException:
        shutil.rmtree(partial, ignore_errors=True)
        raise
    return manifest


def verify(folder: Path) -> dict:
    """The backup's manifest, after checking it and every file it lists; BackupError names what is wrong."""
    folder = Path(os.path.abspath(folder.expanduser()))
    manifest = _read_manifest(folder)
    _check_files(folder, manifest, shown_as=folder)
    return manifest


def restore(warehouse: Warehouse, folder: Path, user: User) -> dict:
    """Replace the whole warehouse with a verified backup, in one swap, audited as the user; returns the manifest."""
    require(user, "restore")
    folder = Path(os.path.abspath(folder.expanduser()))
    manifest = verify(folder)
    before = summary(warehouse) if warehouse.exists() else None
    with tempfile.TemporaryDirectory(prefix="r2p-restore-") as staging:
        # NOTE: import a private copy, checked again, so nothing can change the files between check and import.
        for name in manifest["files"]:
            shutil.copyfile(folder / name, Path(staging) / name)
        _check_files(Path(staging), manifest, shown_as=folder)
        with warehouse.replace() as connection:
            # Read under the writers' lock, before the swap: no audit row written since the backup is lost.
            later = _audit_rows(warehouse) if before is not None else None
            run(connection, "ops/import_database", spliced={"folder": staging})
            _check_counts(connection, manifest, folder)
            migrate(connection)
            if later is not None:
                _carry_audit(connection, later)
            audit(connection, "restore", "warehouse", None, before, _manifest_summary(manifest, folder), user.name)
    return manifest


def _audit_rows(warehouse: Warehouse) -> object:
    """The current warehouse's whole audit log (an Arrow table), read from the version a restore replaces."""
    connection = _warehouse_cursor(warehouse)
    try:
        return connection.sql(sql("read/audit_log")).to_arrow_table()
    finally:
        connection.close()


def _carry_audit(connection: duckdb.DuckDBPyConnection, current_log: object) -> None:
    """Append the rows logged after the backup was made: the audit log only ever grows, even across a restore.

    NOTE: the backup's log is a prefix of the current one (same ids, same hashes), so the rows to keep are the
    ids beyond the backup's last; a backup of another warehouse is joined the same way and the chain check then
    reports the seam.
    """
    with staged(connection, carried_audit=current_log):
        run(connection, "write/carry_audit_rows")


def summary(warehouse: Warehouse) -> dict:
    """Schema version and row count per table of the current version (what a restore replaces)."""
    connection = _warehouse_cursor(warehouse)
    try:
        return {"schema_version": schema_version(connection), "tables": _row_counts(connection)}
    finally:
        connection.close()


def _export(warehouse: Warehouse, partial: Path) -> dict:
    """EXPORT DATABASE and the figures the manifest records, all read in one transaction (one snapshot)."""
    connection = _warehouse_cursor(warehouse)
    try:
        connection.begin()
        snapshot = {"schema_version": schema_version(connection),
                    "migrations": sorted(applied_versions(connection)), "tables": _row_counts(connection)}
        run(connection, "ops/export_database", spliced={"folder": str(partial)})
        connection.commit()
    finally:
        connection.close()
    return snapshot


def _warehouse_cursor(warehouse: Warehouse) -> duckdb.DuckDBPyConnection:
    """A cursor on the reader whose current database is the warehouse's own tables.

    NOTE: with R2P_EVENTS_PARQUET the reader is an in-memory database of views over the warehouse ATTACHed
    as `warehouse`; EXPORT DATABASE must export that one, not the views (USE only changes this cursor).
    """
    cursor = warehouse.reader().cursor()
    if int(run(cursor, "read/warehouse_is_attached")["attached"].iloc[0]):
        # NOTE: SQL kept here, not in a query file: one fixed statement with no parameter or name to splice.
        cursor.execute("USE warehouse")
    return cursor


def _row_counts(connection: duckdb.DuckDBPyConnection) -> dict[str, int]:
    # Table names come from DuckDB's own catalog (the allow-list), spliced in as quoted identifiers.
    tables = run(connection, "read/table_names")["table_name"]
    return {name: int(run(connection, "read/row_count", spliced={"table": name})["rows"].iloc[0]) for name in tables}


def _check_target(folder: Path) -> None:
    if folder.exists() and not folder.is_dir():
        raise BackupError(f"{folder} is a file; give a folder for the backup.")
    if folder.is_dir() and any(folder.iterdir()) and not _is_backup(folder):
        raise BackupError(f"{folder} is not empty and holds no R2P Watch backup; choose a new or empty folder "
                          "(an earlier backup there would be replaced).")


def _is_backup(folder: Path) -> bool:
    try:
        return json.loads((folder / MANIFEST).read_text(encoding="utf-8")).get("format") == FORMAT
    except (OSError, ValueError, AttributeError):
        return False


def _swap_in(partial: Path, folder: Path) -> None:
    """Rename the finished backup into place; an earlier backup there is set aside and removed only after."""
    old = folder.with_name(f".{folder.name}.old-{uuid.uuid4().hex[:8]}") if folder.exists() else None
    if old is not None:
        os.replace(folder, old)
    os.replace(partial, folder)
    fsync(folder.parent)
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)


def _read_manifest(folder: Path) -> dict:
    path = folder / MANIFEST
    if not folder.is_dir():
        raise BackupError(f"{folder}: no such folder.")
    if not path.is_file():
        raise BackupError(f"{path}: missing, so {folder} is not a complete R2P Watch backup.")
    try:
        manifest = json.loads(path.read_text(encoding="utf-8"))
    except (UnicodeDecodeError, ValueError) as error:
        raise BackupError(f"{path}: not a readable manifest ({error}).") from error
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
        raise BackupError(f"{path}: not an R2P Watch backup manifest (format {FORMAT} expected).")
    missing = {"checksum", "schema_version", "tables", "files", "created_at"} - manifest.keys()
    if missing:
        raise BackupError(f"{path}: incomplete manifest (no {', '.join(sorted(missing))}).")
    if manifest.get("checksum") != _manifest_checksum(manifest):
        raise BackupError(f"{path}: changed after the backup was made (its checksum does not match).")
    if int(manifest["schema_version"]) > latest_version():
        raise BackupError(f"{path}: the backup has schema version {manifest['schema_version']}, newer than this "
                          f"R2P Watch ({latest_version()}). Upgrade R2P Watch to restore it.")
    return manifest


def _check_files(folder: Path, manifest: dict, shown_as: Path) -> None:
    files = manifest["files"]
    for name in REQUIRED:
        if name not in files:
            raise BackupError(f"{shown_as / MANIFEST}: lists no {name}; the backup is incomplete.")
    for name, expected in files.items():
        if Path(name).name != name or name in ("", ".", "..", MANIFEST):
            raise BackupError(f"{shown_as / MANIFEST}: lists {name!r}, which is not a file of a backup.")
        path, shown = folder / name, shown_as / name
        if not path.is_file():
            raise BackupError(f"{shown}: missing from the backup.")
        actual = _describe(path)
        if actual["bytes"] != expected["bytes"]:
            raise BackupError(f"{shown}: {actual['bytes']} bytes, the manifest says {expected['bytes']} "
                              "(truncated or changed).")
        if actual["sha256"] != expected["sha256"]:
            raise BackupError(f"{shown}: its contents changed since the backup (sha256 does not match).")


def _check_counts(connection: duckdb.DuckDBPyConnection, manifest: dict, folder: Path) -> None:
    """The imported tables hold exactly the rows the manifest counted when the backup was made."""
    counts = _row_counts(connection)
    if counts != manifest["tables"]:
        wrong = sorted(t for t in set(counts) | set(manifest["tables"]) if counts.get(t) != manifest["tables"].get(t))
        raise BackupError(f"{folder / MANIFEST}: after import, table(s) {', '.join(wrong)} do not hold the rows the "
                          "manifest counts; nothing was restored.")


def _manifest_summary(manifest: dict, folder: Path) -> dict:
    keys = ("created_at", "r2p_version", "duckdb_version", "schema_version", "tables")
    return {"backup": str(folder), **{key: manifest[key] for key in keys}}


def _manifest_checksum(manifest: dict) -> str:
    content = {key: value for key, value in manifest.items() if key != "checksum"}
    return hashlib.sha256(json.dumps(content, sort_keys=True).encode("utf-8")).hexdigest()


def _describe(path: Path) -> dict:
    digest = hashlib.sha256()
    with path.open("rb") as stream:
        for block in iter(lambda: stream.read(1 << 20), b""):
            digest.update(block)
    return {"bytes": path.stat().st_size, "sha256": digest.hexdigest()}

