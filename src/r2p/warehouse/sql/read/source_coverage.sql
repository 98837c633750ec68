-- Per source holding data: countries and years covered, rows, last load, as-of date and the data's latest year.
-- NOTE: each table is first reduced to one row per load (or source) and country, so millions of events are read
-- once by a small hash aggregate instead of being unioned row by row.
WITH held AS (
    SELECT g.source_id, o.iso3, o.first_year, o.last_year, o.n
    FROM (SELECT ingest_id, iso3, min(period) AS first_year, max(period) AS last_year, count(*) AS n
          FROM observation GROUP BY ingest_id, iso3) o
    JOIN ingest g USING (ingest_id)
    UNION ALL
    SELECT source_id, iso3, year(min(event_date)), year(max(event_date)), count(*)
    FROM event GROUP BY source_id, iso3
)
SELECT s.source_id, s.name, s.is_demo, count(DISTINCT h.iso3) AS countries, min(h.first_year) AS first_year,
       max(h.last_year) AS last_year, sum(h.n)::BIGINT AS rows_held,
       (SELECT max(finished_at) FROM ingest i WHERE i.source_id = s.source_id) AS last_load,
       (SELECT max(as_of) FROM ingest i WHERE i.source_id = s.source_id) AS as_of
FROM held h JOIN source s USING (source_id)
GROUP BY s.source_id, s.name, s.is_demo
ORDER BY s.is_demo, s.source_id
