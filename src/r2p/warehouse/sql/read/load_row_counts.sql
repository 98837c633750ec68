-- How many observations and events one load holds.
SELECT (SELECT count(*) FROM observation WHERE ingest_id = $ingest_id) AS observations,
       (SELECT count(*) FROM event WHERE ingest_id = $ingest_id) AS events
