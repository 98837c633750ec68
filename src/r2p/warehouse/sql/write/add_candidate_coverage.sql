-- Record the period a UCDP GED load covers per country (registered frame `staged_coverage`).
INSERT INTO event_coverage
SELECT ingest_id, iso3, covers_from::DATE, covers_to::DATE, provisional FROM staged_coverage
