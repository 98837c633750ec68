"""Cached wrappers of the domain queries: the same functions run uncached from the CLI and tests."""

from __future__ import annotations

from collections.abc import Callable
from functools import cache
from typing import Any

import streamlit as st

from r2p.ui.reads import READS
from r2p.warehouse.store import Warehouse

Query = Callable[..., Any]


SNAPSHOT = "r2p_snapshot"  # the warehouse as this script run found it (set by the shell before every page)


def run_snapshot() -> Warehouse:
    """The warehouse version this page run reads, so its queries never mix data from before and after a write."""
    held = st.session_state.get(SNAPSHOT)
    current = Warehouse.default()
    return held if isinstance(held, Warehouse) and held.location == current.location else current.snapshot()


@st.cache_data(show_spinner=False, max_entries=1024)
def _run(name: str, location: str, version: str, _snapshot: Warehouse, *args: Any) -> Any:
    # NOTE: one cached function keyed by query name: st.cache_data tells functions apart by their source,
    # so per-query closures of the same code would share (and clobber) one cache. The snapshot is not hashed
    # (leading underscore): location and version name it.
    return READS[name](_snapshot, *args)


@cache
def cached(name: str) -> Query:
    """READS[name](warehouse, *args), cached per warehouse version, so a new ingest shows without a restart."""
    if name not in READS:
        raise KeyError(f"no read named {name!r} in r2p/ui/reads.py")

    def call(*args: Any) -> Any:
        warehouse = run_snapshot()
        return _run(name, warehouse.location, warehouse.version_token(), warehouse, *args)

    return call


@st.cache_resource(show_spinner=False, max_entries=256)
def _built(name: str, location: str, version: str, _build: Query, *args: Any) -> Any:
    return _build(*args)


def built(build: Query, *args: Any) -> Any:
    """build(*args), kept per warehouse version and handed back as is, not copied: for figures a rerun would
    rebuild identically from the same data (a warm rerun of the Country page rebuilt all of them). Callers
    must not change what they get; build reads through this module's cached reads."""
    warehouse = run_snapshot()
    return _built(f"{build.__module__}.{build.__qualname__}", warehouse.location, warehouse.version_token(), build,
                  *args)


def __getattr__(name: str) -> Query:
    """`cache.tier_table(...)`: every read of r2p/ui/reads.py, cached (declared there, once)."""
    if name in READS:
        return cached(name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
