-- 1 when the warehouse has the table migrations are recorded in, else 0 (an empty database).
SELECT count(*) AS found FROM information_schema.tables WHERE table_name = 'schema_migration'
