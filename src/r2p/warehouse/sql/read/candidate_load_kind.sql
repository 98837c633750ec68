-- The file kind of one load (a UCDP GED Candidate load is `ucdp-ged-candidate`).
SELECT kind FROM ingest WHERE ingest_id = $ingest_id
