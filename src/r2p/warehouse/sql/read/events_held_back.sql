-- After loading staged_event: how many of its events a newer release of the same source holds, by release.
SELECT r.release, max(r.published) AS published, max(r.release_rank) AS release_rank, count(*) AS values_held
FROM staged_event s
JOIN event e ON e.event_id = s.event_id
JOIN load_release r ON r.ingest_id = e.ingest_id
WHERE e.ingest_id <> $ingest_id
GROUP BY r.release
