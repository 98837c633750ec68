-- Drop every demo event once real ones arrive (every load of real events runs it, after drop_replaced_events when
-- that runs).
DELETE FROM event
WHERE ingest_id IN (SELECT i.ingest_id FROM ingest i JOIN source USING (source_id) WHERE source.is_demo)
