-- A GED Candidate load's staged events that a newer release of the source already covers go to event_vintage
-- only (the same test as read/candidate_events_covered): older data never overwrites newer data.
INSERT INTO event_vintage
SELECT s.event_id, s.source_id, s.iso3, s.event_date::DATE, s.admin1, s.latitude, s.longitude, s.violence_type,
       s.deaths_best, s.deaths_low, s.deaths_high, s.source_ref, s.ingest_id
FROM staged_event s
WHERE EXISTS (
    SELECT 1 FROM event_coverage c
    JOIN load_release r ON r.ingest_id = c.ingest_id
    JOIN load_release n ON n.ingest_id = $ingest_id AND n.source_id = r.source_id AND r.release_rank > n.release_rank
    WHERE c.iso3 = s.iso3 AND c.ingest_id <> $ingest_id AND s.event_date::DATE BETWEEN c.covers_from AND c.covers_to
)
