-- Before loading staged_event: drop earlier copies of the same events, unless a newer release of the same source
-- holds them (see keep_superseded_events). Demo events go by drop_demo_events once real ones arrive.
DELETE FROM event e
WHERE e.event_id IN (SELECT event_id FROM staged_event)
AND e.ingest_id NOT IN (
    SELECT c.ingest_id FROM load_release c JOIN load_release n
        ON n.ingest_id = $ingest_id AND c.source_id = n.source_id AND c.release_rank > n.release_rank
)
