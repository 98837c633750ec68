-- Every event to hive-partitioned Parquet under $directory, one folder per year (kept inside each file too,
-- so a file stands alone if it is moved).
COPY (
    SELECT event_id, source_id, iso3, event_date, admin1, latitude, longitude, violence_type, deaths_best,
           deaths_low, deaths_high, source_ref, ingest_id, year(event_date) AS year
    FROM event ORDER BY event_date, event_id
) TO $directory (FORMAT parquet, PARTITION_BY (year), WRITE_PARTITION_COLUMNS true)
