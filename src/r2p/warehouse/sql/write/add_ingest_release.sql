-- Record the release one load belongs to (label NULL when it cannot be known).
INSERT INTO ingest_release (ingest_id, release, version, published, stated_by)
VALUES ($ingest_id, $release, $version::INTEGER[], $published, $stated_by)
