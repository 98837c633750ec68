-- Attach a warehouse database as `warehouse` (under an in-memory database of views over it).
ATTACH $database AS warehouse
