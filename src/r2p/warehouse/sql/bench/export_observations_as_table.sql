-- Benchmark: the synthetic observations as a long `table` CSV (country, indicator, year, value).
COPY (
    SELECT o.iso3 AS country, o.indicator_id AS indicator, o.period AS year, o.value
    FROM observation o JOIN ingest g USING (ingest_id)
    WHERE g.source_id = 'bench'
    ORDER BY o.indicator_id, o.iso3, o.period
) TO $file (HEADER)
