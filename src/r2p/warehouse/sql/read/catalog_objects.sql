-- Every view, table and sequence a database holds, views first (what dropping everything must drop, in order).
SELECT 'view' AS kind, view_name AS name FROM duckdb_views() WHERE NOT internal
UNION ALL
SELECT 'table', table_name FROM duckdb_tables() WHERE NOT internal
UNION ALL
SELECT 'sequence', sequence_name FROM duckdb_sequences()
