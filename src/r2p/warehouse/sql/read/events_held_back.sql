-- After drop_replaced_events, before add_events: how many of staged_event's events a newer release of the same
-- source holds, by release (the same count as after add_events, whose rows the ingest_id test leaves out,
-- but joined against the few events left rather than the millions just added).
SELECT r.release, max(r.published) AS published, max(r.release_rank) AS release_rank, count(*) AS values_held
FROM staged_event s
JOIN event e ON e.event_id = s.event_id
JOIN load_release r ON r.ingest_id = e.ingest_id
WHERE e.ingest_id <> $ingest_id
GROUP BY r.release
