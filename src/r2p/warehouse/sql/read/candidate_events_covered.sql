-- A GED Candidate load's staged events that a NEWER release of the source already covers (same country, date in
-- its period), with the newest such release: they stay out of `event` (see keep_covered_candidate_events).
SELECT s.event_id, r.release, r.published, r.release_rank
FROM staged_event s
JOIN event_coverage c ON c.iso3 = s.iso3 AND c.ingest_id <> $ingest_id
    AND s.event_date::DATE BETWEEN c.covers_from AND c.covers_to
JOIN load_release r ON r.ingest_id = c.ingest_id
JOIN load_release n ON n.ingest_id = $ingest_id AND n.source_id = r.source_id AND r.release_rank > n.release_rank
QUALIFY row_number() OVER (PARTITION BY s.event_id ORDER BY r.release_rank DESC) = 1
