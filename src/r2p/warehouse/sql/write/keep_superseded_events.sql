-- Before loading staged_event: keep as vintages (1) staged events a newer release of the same source holds
-- (they stay out of `event`), and (2) current events this load replaces that came from another release.
INSERT INTO event_vintage
WITH new_load AS (
    SELECT source_id, release, release_rank FROM load_release WHERE ingest_id = $ingest_id
), met AS (
    SELECT s.event_id,
           c.source_id = n.source_id AND c.release_rank > n.release_rank AS held_back,
           c.is_demo OR (c.source_id = n.source_id AND c.release IS NOT DISTINCT FROM n.release) AS same_release
    FROM staged_event s
    JOIN event e ON e.event_id = s.event_id
    JOIN load_release c ON c.ingest_id = e.ingest_id
    CROSS JOIN new_load n
)
SELECT s.event_id, s.source_id, s.iso3, s.event_date::DATE, s.admin1, s.latitude, s.longitude, s.violence_type,
       s.deaths_best, s.deaths_low, s.deaths_high, s.source_ref, s.ingest_id
FROM staged_event s JOIN met m ON m.event_id = s.event_id AND m.held_back
UNION ALL
SELECT e.* FROM event e JOIN met m ON m.event_id = e.event_id AND NOT m.held_back AND NOT m.same_release
