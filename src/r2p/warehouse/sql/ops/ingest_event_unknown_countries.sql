-- Staged events (temp table ingest_event) whose iso3 is one of the registered `ingest_unknown_iso3`.
SELECT _row, iso3 FROM ingest_event WHERE iso3 IN (SELECT iso3 FROM ingest_unknown_iso3) ORDER BY _row
