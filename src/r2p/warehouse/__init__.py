"""The warehouse layer: DuckDB storage, schema migrations, named SQL queries and ingest."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from r2p.warehouse.store import Warehouse, WarehouseError

__all__ = ["Warehouse", "WarehouseError"]


def __getattr__(name: str) -> object:
    # NOTE: loaded on first use (PEP 562), so `r2p --help` and r2p.warehouse.errors do not load DuckDB and pandas.
    if name in __all__:
        from r2p.warehouse import store

        return getattr(store, name)
    raise AttributeError(f"module 'r2p.warehouse' has no attribute {name!r}")
