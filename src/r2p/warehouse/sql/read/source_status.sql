-- Per source that has loaded anything: rows held, as-of date of the data, and when it was last loaded.
-- The as-of comes from loads that hold current values (the release in force), not from vintages.
-- NOTE: rows are counted per load first (one pass over each table), not per load with a correlated subquery.
WITH observed AS (
    SELECT ingest_id, count(*) AS n FROM observation GROUP BY ingest_id
), evented AS (
    SELECT ingest_id, count(*) AS n FROM event GROUP BY ingest_id
), held AS (
    SELECT i.source_id, coalesce(o.n, 0) AS observations, coalesce(e.n, 0) AS events, i.as_of, i.finished_at
    FROM ingest i
    LEFT JOIN observed o USING (ingest_id)
    LEFT JOIN evented e USING (ingest_id)
)
SELECT s.source_id, s.name, s.publisher, s.citation, s.is_demo,
       sum(h.observations)::BIGINT AS observations, sum(h.events)::BIGINT AS events,
       max(h.as_of) FILTER (WHERE h.observations + h.events > 0) AS as_of, max(h.finished_at) AS last_load
FROM held h JOIN source s USING (source_id)
GROUP BY ALL
HAVING sum(h.observations) + sum(h.events) > 0
ORDER BY s.is_demo, s.source_id
