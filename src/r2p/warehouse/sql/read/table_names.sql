-- The tables of the current database's main schema (what a backup holds and counts).
SELECT table_name FROM duckdb_tables()
WHERE NOT internal AND database_name = current_database() AND schema_name = 'main'
ORDER BY 1
