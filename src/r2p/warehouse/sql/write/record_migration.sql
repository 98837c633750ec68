-- Record that a schema migration was applied.
INSERT INTO schema_migration VALUES ($version, $name, $at)
