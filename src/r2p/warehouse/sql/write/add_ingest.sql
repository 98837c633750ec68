-- Record one load; returns its ingest_id.
INSERT INTO ingest (source_id, kind, file_name, sha256, rows_read, rows_loaded, rows_rejected,
                    started_at, finished_at, status, as_of)
VALUES ($source, $kind, $file, $sha, $read, $loaded, $rejected, $started, $finished, 'loaded', $as_of)
RETURNING ingest_id
