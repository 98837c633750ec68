-- Set how many rows one load read and loaded (for loads whose rows are generated after the load is recorded).
UPDATE ingest SET rows_read = $rows, rows_loaded = $rows WHERE ingest_id = $ingest_id
