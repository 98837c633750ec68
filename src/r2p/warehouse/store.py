"""The DuckDB warehouse: readers share a read-only connection per file version; writers swap in a new file."""

from __future__ import annotations

import os
import shutil
import threading
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from pathlib import Path

import duckdb
from filelock import FileLock, Timeout

from r2p.config import number_setting, warehouse_location
from r2p.warehouse import parquet_events, remote
from r2p.warehouse.errors import WarehouseError
from r2p.warehouse.queries import run

__all__ = ["Warehouse", "WarehouseError"]

# NOTE: DuckDB lets one process hold a file read-write only while no other process has it open at all
# (shared/reference/offline-stack.md). So the live file is never opened read-write: a writer copies the
# current version to a new file, changes it in one transaction, and points the warehouse path (a symlink)
# at it atomically. Each version has its own file name because DuckDB caches open databases by real
# path: reopening the same name would hand a reader the old version again. Readers keep the version they
# opened until they notice a newer one. A writer killed half-way leaves only an unreferenced file.
_readers: dict[str, tuple[str, duckdb.DuckDBPyConnection]] = {}
_readers_lock = threading.Lock()
_DROP = {"view": "ops/drop_view", "table": "ops/drop_table", "sequence": "ops/drop_sequence"}


@dataclass(frozen=True)
class Warehouse:
    """A warehouse location: a local DuckDB file, or a remote database such as MotherDuck (`md:...`)."""

    location: str
    # A snapshot's (version token, connection): every read through it sees that one version.
    pinned: tuple[str, duckdb.DuckDBPyConnection] | None = field(default=None, compare=False, repr=False)

    @classmethod
    def default(cls) -> Warehouse:
        return cls(warehouse_location())

    @property
    def is_local_file(self) -> bool:
        return not remote.is_remote(self.location)

    @property
    def label(self) -> str:
        """Where the warehouse is, as shown to people (never a token that came inside an `md:` location)."""
        return str(self.path) if self.is_local_file else remote.label(self.location)

    @property
    def path(self) -> Path:
        """The warehouse path users see (a symlink to the current version once anything was written)."""
        if not self.is_local_file:
            raise WarehouseError(f"The warehouse {self.label} is a database, not a local file.")
        return Path(os.path.abspath(Path(self.location).expanduser()))

    @property
    def versions_dir(self) -> Path:
        return self.path.with_name(f".{self.path.name}.versions")

    def current_file(self) -> Path:
        """The file holding the current version."""
        return self.path.resolve(strict=True)

    def exists(self) -> bool:
        return not self.is_local_file or self.path.is_file()

    def version_token(self) -> str:
        """Changes whenever the data may have: a new file version (local), any write (remote), new event files."""
        if self.pinned is not None:
            return self.pinned[0]
        events = parquet_events.source_token(parquet_events.events_parquet())
        if not self.is_local_file:
            return f"{remote.version_token(self.location)}|{events}"
        try:
            target = self.path.resolve(strict=True)
            stat = target.stat()
        except FileNotFoundError:
            return "missing"
        return f"{target.name}-{stat.st_ino}-{stat.st_mtime_ns}|{events}"

    def reader(self) -> duckdb.DuckDBPyConnection:
        """The process-wide read connection for the current version; take a `.cursor()` per query."""
        return self.pinned[1] if self.pinned is not None else self._current_reader()[1]

    def snapshot(self) -> Warehouse:
        """This warehouse held at its current version: reads through the result all see that one version,
        even while a writer swaps in the next (a page run reads through one snapshot, never a mix)."""
        return self if self.pinned is not None else replace(self, pinned=self._current_reader())

    def _current_reader(self) -> tuple[str, duckdb.DuckDBPyConnection]:
        if not self.exists():
            raise WarehouseError(f"No warehouse at {self.path}. Run `r2p init` to build it.")
        token = self.version_token()
        with _readers_lock:
            cached = _readers.get(self.location)
            if cached and cached[0] == token:
                return cached
            # The previous connection is not closed here: another thread or a snapshot may still read from it.
            # It is released when its last user is gone.
            _readers[self.location] = (token, self._open_reader())
            return _readers[self.location]

    def _open_reader(self) -> duckdb.DuckDBPyConnection:
        events = parquet_events.events_parquet()
        if not self.is_local_file:
            if events:
                return parquet_events.open_reader(remote.attachable(self.location), False, events)
            return remote.connection(self.location)
        for attempt in range(3):
            try:
                if events:
                    return parquet_events.open_reader(str(self.current_file()), True, events)
                return duckdb.connect(str(self.current_file()), read_only=True)
            except (duckdb.IOException, FileNotFoundError) as error:
                # A writer may have swapped in a new version between resolving the path and opening it.
                if attempt == 2:
                    raise WarehouseError(f"Cannot open the warehouse {self.path} for reading: {error}") from error
        raise AssertionError("unreachable")

    @contextmanager
    def write(self) -> Iterator[duckdb.DuckDBPyConnection]:
        """One atomic change: everything done on the connection lands together, or not at all."""
        if not self.is_local_file:
            with self._write_remote() as connection:
                yield connection
            return
        with self._writers_lock(), self._write_copy() as connection:
            yield connection

    @contextmanager
    def replace(self) -> Iterator[duckdb.DuckDBPyConnection]:
        """Like write(), but on an empty database: what is built on the connection becomes the whole warehouse.

        Used by restore. Local files: a new, empty version is swapped in under the writers' lock; remote
        databases: everything is dropped and rebuilt in one transaction.
        """
        if not self.is_local_file:
            with self._write_remote() as connection:
                _drop_everything(connection)
                yield connection
            return
        with self._writers_lock(), self._write_copy(start_empty=True) as connection:
            yield connection

    @contextmanager
    def _writers_lock(self) -> Iterator[None]:
        """One writer at a time per warehouse, across processes."""
        self.path.parent.mkdir(parents=True, exist_ok=True)
        lock = FileLock(f"{self.path}.lock", timeout=number_setting("lock_timeout"))
        try:
            lock.acquire()
        except Timeout as error:
            raise WarehouseError(f"Another writer has held {self.path} for too long; try again.") from error
        try:
            yield
        finally:
            lock.release()

    @contextmanager
    def _write_copy(self, start_empty: bool = False) -> Iterator[duckdb.DuckDBPyConnection]:
        current = self.current_file() if self.path.exists() else None
        if current is not None and Path(f"{current}.wal").exists():
            raise WarehouseError(
                f"{current}.wal exists: another program wrote to the warehouse directly. "
                "Open it once with DuckDB and run CHECKPOINT, then try again."
            )
        self.versions_dir.mkdir(exist_ok=True)
        work = self.versions_dir / f"{time.time_ns()}-{uuid.uuid4().hex[:8]}.duckdb"
        if current is not None and not start_empty:
            shutil.copyfile(current, work)
        connection = duckdb.connect(str(work))
        try:
            connection.begin()
            yield connection
            connection.commit()
            # NOTE: SQL kept here, not in a query file: one fixed word with no parameter, which folds the
            # write-ahead log into the file before it is renamed into place.
            connection.execute("CHECKPOINT")
            connection.close()
            fsync(work)
            self._point_to(work)
        except BaseException:
            connection.close()
            _unlink_version(work)
            raise
        self._remove_old_versions(keep=work)

    def _point_to(self, version: Path) -> None:
        """Atomically make the warehouse path name the new version (rename of a fresh symlink over it)."""
        link = self.path.with_name(f".{self.path.name}.{uuid.uuid4().hex[:8]}.link")
        link.symlink_to(version.relative_to(self.path.parent))
        os.replace(link, self.path)
        fsync(self.path.parent)

    def _remove_old_versions(self, keep: Path) -> None:
        """Readers that still have an old version open keep reading it: POSIX frees it when they close."""
        for old in self.versions_dir.glob("*.duckdb*"):
            if old != keep:
                old.unlink(missing_ok=True)

    @contextmanager
    def _write_remote(self) -> Iterator[duckdb.DuckDBPyConnection]:
        # The database's own connection, not the reader: with R2P_EVENTS_PARQUET set the reader is an
        # in-memory database of views over it.
        connection = remote.connection(self.location).cursor()
        try:
            connection.begin()
            yield connection
            connection.commit()
            remote.wrote(self.location)
        except BaseException:
            connection.rollback()
            raise
        finally:
            connection.close()


def fsync(path: Path) -> None:
    """Flush a file or a folder (a rename is durable only once its folder is flushed) to the disk."""
    descriptor = os.open(path, os.O_RDONLY)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)


def _drop_everything(connection: duckdb.DuckDBPyConnection) -> None:
    """Empty a database in the open transaction (names come from DuckDB's own catalog, not from input)."""
    for kind, name in run(connection, "read/catalog_objects").itertuples(index=False):
        run(connection, _DROP[kind], spliced={"name": name})


def _unlink_version(work: Path) -> None:
    for leftover in (work, Path(f"{work}.wal")):
        leftover.unlink(missing_ok=True)
