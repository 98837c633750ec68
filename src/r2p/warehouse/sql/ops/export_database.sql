-- The whole database as Parquet files with schema.sql and load.sql (EXPORT takes no bound parameter).
EXPORT DATABASE {{literal folder}} (FORMAT parquet)
