-- One country's located events in the window after $since up to $until (read.profile.event_window, where its 12
-- months are counted; $until: on the Country page the country's latest event in the chosen year or before, in the
-- briefing the latest event held), each with its own load's source and as-of date.
-- NOTE: both bounds are DATEs: a TIMESTAMP bound would cast every event_date and stop DuckDB from skipping row
-- groups by their min/max date (recent_events p95 88 -> 51 ms for the busiest country at 5 M events, `r2p bench`
-- timing). They are cast so a NULL (no event held) types: no rows.
SELECT e.event_id, e.event_date, e.admin1, e.latitude, e.longitude, e.violence_type,
       coalesce(e.deaths_best, 0) AS deaths_best, s.name AS source_name, s.is_demo, g.as_of
FROM event e
JOIN ingest g ON g.ingest_id = e.ingest_id
JOIN source s ON s.source_id = g.source_id
WHERE e.iso3 = $iso3 AND e.latitude IS NOT NULL AND e.longitude IS NOT NULL
  AND e.event_date > CAST($since AS DATE) AND e.event_date <= CAST($until AS DATE)
ORDER BY e.event_date DESC, e.event_id
