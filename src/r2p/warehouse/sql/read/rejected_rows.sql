-- Rows importers deliberately left out of accepted loads, grouped by load and reason.
SELECT g.ingest_id, g.source_id, g.file_name, r.message, count(*) AS rows_rejected,
       min(r.row_number) AS first_row, any_value(r.value) AS example_value
FROM ingest_reject r JOIN ingest g USING (ingest_id)
GROUP BY ALL
ORDER BY g.ingest_id DESC, rows_rejected DESC
