-- Every load, newest first, with the release it belongs to (NULL when it cannot be known).
SELECT i.ingest_id, i.source_id, i.kind, i.file_name, r.release, r.published, i.rows_read, i.rows_loaded,
       i.rows_rejected, i.status, i.as_of, i.started_at, i.finished_at, left(i.sha256, 12) AS sha256
FROM ingest i
LEFT JOIN ingest_release r USING (ingest_id)
ORDER BY i.ingest_id DESC
