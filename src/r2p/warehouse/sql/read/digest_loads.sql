-- Every load that finished at or after $since, oldest first.
SELECT ingest_id, source_id, kind, file_name, rows_loaded, finished_at
FROM ingest WHERE finished_at >= $since ORDER BY ingest_id
