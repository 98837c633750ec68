-- The id of the latest load of the synthetic `bench` source.
SELECT max(ingest_id) AS ingest_id FROM ingest WHERE source_id = 'bench'
