-- The load that brought the most rows (no row when nothing was loaded): the one read/source_coverage reads apart.
SELECT ingest_id FROM ingest ORDER BY rows_loaded DESC, ingest_id LIMIT 1
