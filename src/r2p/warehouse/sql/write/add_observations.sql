-- Append the registered frame `staged_observation` (iso3, indicator_id, period, value, ingest_id).
INSERT INTO observation
SELECT iso3, indicator_id, period::INTEGER, value, ingest_id FROM staged_observation
