-- A successful earlier load of the same content from the same source, if any.
SELECT ingest_id, kind, rows_read FROM ingest
WHERE source_id = $source_id AND sha256 = $sha256 AND status = 'loaded'
ORDER BY ingest_id DESC LIMIT 1
