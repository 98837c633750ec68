-- A successful earlier load of the same content from the same source, if any, with the release it was loaded as.
SELECT i.ingest_id, i.kind, i.rows_read, r.release FROM ingest i
LEFT JOIN ingest_release r USING (ingest_id)
WHERE i.source_id = $source_id AND i.sha256 = $sha256 AND i.status = 'loaded'
ORDER BY i.ingest_id DESC LIMIT 1
