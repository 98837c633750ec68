-- 1 when the warehouse is attached as `warehouse` beside the current (in-memory) database, else 0.
SELECT count(*) AS attached FROM duckdb_databases()
WHERE database_name = 'warehouse' AND database_name <> current_database()
