-- One country's admin-1 weeks (Monday to Sunday) dated in [$since, $as_of] for its sub-national surges: the events of
-- the rule's $violence_types counted, with their deaths and centroid (r2p.triggers.surges.WEEK_COLUMNS), and of all
-- the week's events whether any came from a UCDP GED Candidate load (migration 010) and their sources' names.
-- NOTE: counted here, not in pandas: a busy country holds some 60,000 events in a year but a few hundred area-weeks,
-- and handing the events over row by row cost more than the surge rule itself (country_surges 64 -> 27 ms of CPU for
-- the busiest country at 5 M events). Centroids are averaged with Kahan summation, as pandas' mean does.
SELECT e.iso3, e.admin1, CAST(date_trunc('week', e.event_date) AS DATE) AS week_start,
       count(*) FILTER (WHERE list_contains($violence_types, e.violence_type)) AS events,
       coalesce(sum(coalesce(e.deaths_best, 0)) FILTER (WHERE list_contains($violence_types, e.violence_type)),
                0)::INTEGER AS deaths,
       favg(e.latitude) FILTER (WHERE list_contains($violence_types, e.violence_type)) AS latitude,
       favg(e.longitude) FILTER (WHERE list_contains($violence_types, e.violence_type)) AS longitude,
       bool_or(coalesce(c.provisional, false)) AS provisional,
       string_agg(DISTINCT s.name, ', ' ORDER BY s.name) AS source_name
FROM event e
JOIN source s ON s.source_id = e.source_id
LEFT JOIN event_coverage c ON c.ingest_id = e.ingest_id AND c.iso3 = e.iso3
WHERE e.iso3 = $iso3 AND e.admin1 IS NOT NULL AND e.event_date BETWEEN $since AND $as_of
GROUP BY e.iso3, e.admin1, week_start
