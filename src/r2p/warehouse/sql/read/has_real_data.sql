-- Whether any non-demo observation or event has been loaded.
SELECT EXISTS (
    SELECT 1 FROM ingest JOIN source USING (source_id)
    WHERE NOT source.is_demo AND ingest.rows_loaded > 0
)
