-- Per source holding data: countries and years covered, rows, last load, as-of date and the data's latest year.
WITH held AS (
    SELECT g.source_id, o.iso3, o.period FROM observation o JOIN ingest g USING (ingest_id)
    UNION ALL
    SELECT e.source_id, e.iso3, year(e.event_date) FROM event e
)
SELECT s.source_id, s.name, s.is_demo, count(DISTINCT h.iso3) AS countries, min(h.period) AS first_year,
       max(h.period) AS last_year, count(*) AS rows_held,
       (SELECT max(finished_at) FROM ingest i WHERE i.source_id = s.source_id) AS last_load,
       (SELECT max(as_of) FROM ingest i WHERE i.source_id = s.source_id) AS as_of
FROM held h JOIN source s USING (source_id)
GROUP BY s.source_id, s.name, s.is_demo
ORDER BY s.is_demo, s.source_id
