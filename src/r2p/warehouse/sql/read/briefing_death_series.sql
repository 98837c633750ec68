-- One country's yearly values of the death series the briefing's casualty trend draws ($indicator_ids), in
-- country_series' order: the indicator's name as `series`, period, value and the source's name.
SELECT i.name AS series, o.period, o.value, s.name AS source_name
FROM observation o
JOIN indicator i USING (indicator_id)
JOIN ingest g ON g.ingest_id = o.ingest_id
JOIN source s ON s.source_id = g.source_id
WHERE o.iso3 = $iso3 AND list_contains($indicator_ids, o.indicator_id)
ORDER BY i.name, o.period
