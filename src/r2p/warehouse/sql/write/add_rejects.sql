-- Append the registered frame `staged_reject`: rows an importer left out, with the reason.
INSERT INTO ingest_reject
SELECT ingest_id, row_number, column_name, value::VARCHAR, message FROM staged_reject
