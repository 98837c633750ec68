-- Remove every demo load and the rows it brought (a load is demo when its source is), and the reviews opened on
-- demo data.
DELETE FROM review WHERE is_demo;
DELETE FROM observation
WHERE ingest_id IN (SELECT ingest_id FROM ingest JOIN source USING (source_id) WHERE source.is_demo);
DELETE FROM event
WHERE ingest_id IN (SELECT ingest_id FROM ingest JOIN source USING (source_id) WHERE source.is_demo);
DELETE FROM ingest_reject
WHERE ingest_id IN (SELECT ingest_id FROM ingest JOIN source USING (source_id) WHERE source.is_demo);
DELETE FROM ingest
WHERE ingest_id IN (SELECT ingest_id FROM ingest JOIN source USING (source_id) WHERE source.is_demo);
