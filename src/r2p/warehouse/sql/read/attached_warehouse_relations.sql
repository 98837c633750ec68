-- The tables and views of the database attached as `warehouse` (names from DuckDB's own catalog).
SELECT table_name AS name FROM duckdb_tables() WHERE database_name = 'warehouse' AND schema_name = 'main'
UNION
SELECT view_name FROM duckdb_views() WHERE database_name = 'warehouse' AND schema_name = 'main' AND NOT internal
