-- Loads recorded before releases were kept (a warehouse upgraded in place): their releases come from file names.
SELECT i.ingest_id, i.source_id, i.file_name
FROM ingest i
WHERE i.ingest_id NOT IN (SELECT ingest_id FROM ingest_release)
ORDER BY i.ingest_id
