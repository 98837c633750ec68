-- One country's located events in the 12 months up to $until (the country's latest event in the chosen year or
-- before), each with its own load's source and as-of date.
SELECT e.event_id, e.event_date, e.admin1, e.latitude, e.longitude, e.violence_type,
       coalesce(e.deaths_best, 0) AS deaths_best, s.name AS source_name, s.is_demo, g.as_of
FROM event e
JOIN ingest g ON g.ingest_id = e.ingest_id
JOIN source s ON s.source_id = g.source_id
WHERE e.iso3 = $iso3 AND e.latitude IS NOT NULL AND e.longitude IS NOT NULL
  AND e.event_date > $until - INTERVAL 12 MONTH AND e.event_date <= $until
ORDER BY e.event_date DESC, e.event_id
