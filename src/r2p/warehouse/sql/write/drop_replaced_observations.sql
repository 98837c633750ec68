-- Before loading staged_observation: drop current values of the same keys (unless a newer release of the same
-- source holds them: see keep_superseded_observations), and demo values of the same indicators.
DELETE FROM observation o
WHERE EXISTS (
    SELECT 1 FROM staged_observation s
    WHERE s.iso3 = o.iso3 AND s.indicator_id = o.indicator_id AND s.period = o.period
)
AND o.ingest_id NOT IN (
    SELECT c.ingest_id FROM load_release c JOIN load_release n
        ON n.ingest_id = $ingest_id AND c.source_id = n.source_id AND c.release_rank > n.release_rank
)
OR ($replace_demo AND o.indicator_id IN (SELECT DISTINCT indicator_id FROM staged_observation)
    AND o.ingest_id IN (SELECT i.ingest_id FROM ingest i JOIN source USING (source_id) WHERE source.is_demo))
