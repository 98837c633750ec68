"""Run the named queries in r2p/warehouse/sql: one statement per file, values always bound as parameters."""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from functools import cache
from importlib import resources
from typing import TYPE_CHECKING, Any, Protocol

import duckdb
import pandas as pd

if TYPE_CHECKING:
    import pyarrow as pa


class Readable(Protocol):
    """Anything with a reader connection: a Warehouse, or one of its snapshots.

    NOTE: a protocol, not the Warehouse class, because the store runs named queries itself: queries.py imports
    nothing from the store, so the warehouse layer has no import circle."""

    def reader(self) -> duckdb.DuckDBPyConnection: ...

# What no bound parameter can stand for (a table name, EXPORT DATABASE's folder) is written in a query file as
# `{{identifier name}}` or `{{literal name}}` and spliced in quoted, by sql() only.
_PLACEHOLDER = re.compile(r"\{\{(identifier|literal) ([a-z_]+)\}\}")
_NAME = re.compile(r"^[a-z0-9_]+(/[a-z0-9_]+)*$")


def quoted_identifier(name: str) -> str:
    """`name` as one SQL identifier, by DuckDB's rule: in double quotes, inner double quotes doubled."""
    return '"' + name.replace('"', '""') + '"'


def quoted_literal(text: str) -> str:
    """`text` as one SQL string literal: in single quotes, inner single quotes doubled."""
    return "'" + text.replace("'", "''") + "'"


@cache
def _text(name: str) -> str:
    entry = resources.files("r2p.warehouse").joinpath("sql", *f"{name}.sql".split("/"))
    if not _NAME.match(name) or not entry.is_file():
        raise KeyError(f"no query named {name!r} in r2p/warehouse/sql")
    return entry.read_text(encoding="utf-8")


def sql(name: str, /, **spliced: str) -> str:
    """The text of `sql/<name>.sql` (e.g. "read/tier_history"), each placeholder replaced by its value, quoted."""
    text = _text(name)
    wanted = {match[2] for match in _PLACEHOLDER.finditer(text)}
    if wanted != set(spliced):
        raise KeyError(f"query {name!r} splices {sorted(wanted)}, was given {sorted(spliced)}")
    quote = {"identifier": quoted_identifier, "literal": quoted_literal}
    return _PLACEHOLDER.sub(lambda match: quote[match[1]](str(spliced[match[2]])), text)


@contextmanager
def staged(connection: duckdb.DuckDBPyConnection, **frames: pd.DataFrame) -> Iterator[None]:
    """Within the block, each frame is a relation the named queries can read under its keyword's name (the
    write's staged rows); each is removed afterwards, also when a query fails."""
    for name, frame in frames.items():
        connection.register(name, frame)
    try:
        yield
    finally:
        for name in frames:
            connection.unregister(name)


def run(connection: duckdb.DuckDBPyConnection, name: str, params: dict[str, Any] | None = None,
        spliced: Mapping[str, str] | None = None, *, columnar: bool = False) -> pd.DataFrame:
    """Run a named query on a connection (a writer's, or a cursor) and return its rows. `columnar`: fetch through
    Arrow, for reads returning tens of thousands of rows of plain columns (text, numbers, booleans, dates)."""
    text = sql(name, **(spliced or {}))
    if columnar:
        return _from_arrow(connection.sql(text, params=params or {}).to_arrow_table())
    return connection.execute(text, params or {}).df()


def _from_arrow(table: pa.Table) -> pd.DataFrame:
    """The frame `.df()` gives for the same rows: dates and timestamps in microseconds, as DuckDB's own."""
    # NOTE: measured on the 5 M-event bench warehouse (56,000 events of one country): 39-45 ms CPU through .df(),
    # 23-33 ms through Arrow; most of .df()'s time is converting the text columns. Kept opt-in: DECIMAL and
    # HUGEINT columns arrive from Arrow as Python objects where .df() gives floats.
    frame = table.to_pandas(date_as_object=False)
    for column in frame.columns:
        if frame[column].dtype.kind == "M":
            frame[column] = frame[column].dt.as_unit("us")
        elif isinstance(frame[column].dtype, pd.StringDtype) and frame[column].isna().all():
            frame[column] = pd.Series([None] * len(frame), index=frame.index, dtype=object)  # as .df() gives NULL text
    return frame


def query(warehouse: Readable, name: str, params: dict[str, Any] | None = None, *,
          columnar: bool = False) -> pd.DataFrame:
    """Run a named query against the warehouse's current version on a fresh cursor (`columnar`: see `run`)."""
    cursor = warehouse.reader().cursor()
    try:
        return run(cursor, name, params, columnar=columnar)
    finally:
        cursor.close()


def query_names() -> list[str]:
    """Every named query shipped with the package, e.g. "read/tier_history"."""
    root = resources.files("r2p.warehouse").joinpath("sql")
    return sorted(f"{folder.name}/{entry.name.removesuffix('.sql')}" for folder in root.iterdir()
                  if folder.is_dir() for entry in folder.iterdir() if entry.name.endswith(".sql"))
