-- How many loads hold demo data.
SELECT count(*) AS loads FROM ingest JOIN source USING (source_id) WHERE source.is_demo
