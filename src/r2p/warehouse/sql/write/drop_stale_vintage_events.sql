-- Before loading staged_event: a reload of a release replaces that release's own vintage events.
DELETE FROM event_vintage v
WHERE v.ingest_id IN (
    SELECT old.ingest_id FROM load_release old JOIN load_release new
        ON new.ingest_id = $ingest_id AND old.source_id = new.source_id
        AND old.release IS NOT DISTINCT FROM new.release
)
AND v.event_id IN (SELECT event_id FROM staged_event)
