-- The schema migrations applied to this warehouse.
SELECT version FROM schema_migration ORDER BY version
