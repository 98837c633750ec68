-- Drop every demo event once real ones arrive (drop_replaced_events' second part, for a load whose events are
-- all new).
DELETE FROM event
WHERE ingest_id IN (SELECT i.ingest_id FROM ingest i JOIN source USING (source_id) WHERE source.is_demo)
