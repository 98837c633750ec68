-- Before loading staged_event: drop earlier copies of the same events, and every demo event once real ones arrive.
DELETE FROM event e
WHERE e.event_id IN (SELECT event_id FROM staged_event)
OR ($replace_demo AND e.ingest_id IN (SELECT i.ingest_id FROM ingest i JOIN source USING (source_id) WHERE source.is_demo))
