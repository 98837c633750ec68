-- Before loading staged_observation: a reload of a release replaces that release's own vintage values.
DELETE FROM observation_vintage v
WHERE v.ingest_id IN (
    SELECT old.ingest_id FROM load_release old JOIN load_release new
        ON new.ingest_id = $ingest_id AND old.source_id = new.source_id
        AND old.release IS NOT DISTINCT FROM new.release
)
AND EXISTS (
    SELECT 1 FROM staged_observation s
    WHERE s.iso3 = v.iso3 AND s.indicator_id = v.indicator_id AND s.period = v.period
)
