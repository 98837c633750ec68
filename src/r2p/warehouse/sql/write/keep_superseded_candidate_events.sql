-- Before a UCDP GED load's events: keep as vintages the current provisional (GED Candidate) events of OLDER
-- releases that its coverage holds (same country, date in the period it covers); drop_superseded_candidate_events
-- then takes them, and those of earlier loads of its own release, out of `event`.
INSERT INTO event_vintage
SELECT e.* FROM event e
JOIN event_coverage old ON old.ingest_id = e.ingest_id AND old.iso3 = e.iso3 AND old.provisional
JOIN load_release o ON o.ingest_id = e.ingest_id
JOIN load_release n ON n.ingest_id = $ingest_id AND n.source_id = o.source_id AND o.release_rank < n.release_rank
JOIN event_coverage c ON c.ingest_id = $ingest_id AND c.iso3 = e.iso3
    AND e.event_date BETWEEN c.covers_from AND c.covers_to
