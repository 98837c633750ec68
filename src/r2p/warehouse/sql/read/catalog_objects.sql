-- Every view, table and sequence a database holds, views first (what dropping everything must drop, in order).
SELECT kind, name FROM (
    SELECT 1 AS step, 'view' AS kind, view_name AS name FROM duckdb_views() WHERE NOT internal
    UNION ALL
    SELECT 2, 'table', table_name FROM duckdb_tables() WHERE NOT internal
    UNION ALL
    SELECT 3, 'sequence', sequence_name FROM duckdb_sequences()
)
ORDER BY step, name
