-- All yearly values held for one country, per indicator.
SELECT o.indicator_id, i.name, i.unit, i.higher_is_worse, o.period, o.value, s.is_demo, s.name AS source_name
FROM observation o
JOIN indicator i USING (indicator_id)
JOIN ingest g ON g.ingest_id = o.ingest_id
JOIN source s ON s.source_id = g.source_id
WHERE o.iso3 = $iso3
ORDER BY i.name, o.period
