-- Before loading staged_observation: drop older values of the same keys, and demo values of the same indicators.
DELETE FROM observation o
WHERE EXISTS (
    SELECT 1 FROM staged_observation s
    WHERE s.iso3 = o.iso3 AND s.indicator_id = o.indicator_id AND s.period = o.period
)
OR ($replace_demo AND o.indicator_id IN (SELECT DISTINCT indicator_id FROM staged_observation)
    AND o.ingest_id IN (SELECT i.ingest_id FROM ingest i JOIN source USING (source_id) WHERE source.is_demo))
