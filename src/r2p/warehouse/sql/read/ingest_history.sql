-- Every load, newest first.
SELECT ingest_id, source_id, kind, file_name, rows_read, rows_loaded, rows_rejected, status, as_of,
       started_at, finished_at, left(sha256, 12) AS sha256
FROM ingest
ORDER BY ingest_id DESC
