-- Append the registered frame `staged_observation` (iso3, indicator_id, period, value, ingest_id), except the
-- values whose key a newer release still holds (drop_replaced_observations left only those).
INSERT INTO observation
SELECT s.iso3, s.indicator_id, s.period::INTEGER, s.value, s.ingest_id
FROM staged_observation s
ANTI JOIN observation o ON o.iso3 = s.iso3 AND o.indicator_id = s.indicator_id AND o.period = s.period::INTEGER
