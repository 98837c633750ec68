-- One country's events dated in [$since, $as_of] for its sub-national surges, with their source's name, each marked
-- provisional when it came from a UCDP GED Candidate load (migration 010).
SELECT e.iso3, e.event_date, e.admin1, e.latitude, e.longitude, e.violence_type,
       coalesce(e.deaths_best, 0) AS deaths_best, coalesce(c.provisional, false) AS provisional,
       s.name AS source_name
FROM event e
JOIN source s ON s.source_id = e.source_id
LEFT JOIN event_coverage c ON c.ingest_id = e.ingest_id AND c.iso3 = e.iso3
WHERE e.iso3 = $iso3 AND e.event_date BETWEEN $since AND $as_of
