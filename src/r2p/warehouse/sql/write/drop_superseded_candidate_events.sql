-- Before a UCDP GED load's events: current provisional events of older or equal releases (another load) that its
-- coverage holds leave `event` (older ones were kept as vintages by keep_superseded_candidate_events).
DELETE FROM event e
WHERE e.ingest_id <> $ingest_id AND EXISTS (
    SELECT 1 FROM event_coverage old
    JOIN load_release o ON o.ingest_id = old.ingest_id
    JOIN load_release n ON n.ingest_id = $ingest_id AND n.source_id = o.source_id AND o.release_rank <= n.release_rank
    JOIN event_coverage c ON c.ingest_id = $ingest_id AND c.iso3 = old.iso3
    WHERE old.ingest_id = e.ingest_id AND old.iso3 = e.iso3 AND old.provisional
      AND e.event_date BETWEEN c.covers_from AND c.covers_to
)
