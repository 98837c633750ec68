-- Attach a warehouse database file as `warehouse`, read-only.
ATTACH $database AS warehouse (READ_ONLY)
