-- Whether DuckDB's motherduck extension is installed.
SELECT installed FROM duckdb_extensions() WHERE extension_name = 'motherduck'
