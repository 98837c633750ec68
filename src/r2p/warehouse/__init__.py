"""The warehouse layer: DuckDB storage, schema migrations, named SQL queries and ingest."""

from r2p.warehouse.store import Warehouse, WarehouseError

__all__ = ["Warehouse", "WarehouseError"]
