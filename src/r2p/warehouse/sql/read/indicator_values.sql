-- One indicator in one year, per country, with the source's demo flag.
SELECT c.iso3, c.name, c.un_region, o.value, s.is_demo, s.name AS source_name, g.as_of
FROM observation o
JOIN country c USING (iso3)
JOIN ingest g ON g.ingest_id = o.ingest_id
JOIN source s ON s.source_id = g.source_id
WHERE o.indicator_id = $indicator_id AND o.period = $period
ORDER BY o.value DESC
