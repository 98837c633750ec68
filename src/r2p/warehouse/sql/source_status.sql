-- Per source that has loaded anything: rows held, as-of date of the data, and when it was last loaded.
WITH held AS (
    SELECT i.source_id,
           (SELECT count(*) FROM observation o WHERE o.ingest_id = i.ingest_id) AS observations,
           (SELECT count(*) FROM event e WHERE e.ingest_id = i.ingest_id) AS events,
           i.as_of, i.finished_at
    FROM ingest i
)
SELECT s.source_id, s.name, s.publisher, s.citation, s.is_demo,
       sum(h.observations)::BIGINT AS observations, sum(h.events)::BIGINT AS events,
       max(h.as_of) AS as_of, max(h.finished_at) AS last_load
FROM held h JOIN source s USING (source_id)
GROUP BY ALL
HAVING sum(h.observations) + sum(h.events) > 0
ORDER BY s.is_demo, s.source_id
