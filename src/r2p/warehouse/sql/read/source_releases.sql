-- Per source, each release it holds: loads, values current and kept as vintage, and whether it is in force
-- (holds any current value), newest release first.
WITH current_rows AS (
    SELECT ingest_id, sum(n) AS n FROM (
        SELECT ingest_id, count(*) AS n FROM observation GROUP BY ingest_id
        UNION ALL SELECT ingest_id, count(*) FROM event GROUP BY ingest_id
    ) GROUP BY ingest_id
), vintage_rows AS (
    SELECT ingest_id, sum(n) AS n FROM (
        SELECT ingest_id, count(*) AS n FROM observation_vintage GROUP BY ingest_id
        UNION ALL SELECT ingest_id, count(*) FROM event_vintage GROUP BY ingest_id
    ) GROUP BY ingest_id
), per_load AS (
    SELECT r.source_id, r.release, r.published, r.release_rank,
           coalesce(c.n, 0) AS current_values, coalesce(v.n, 0) AS vintage_values
    FROM load_release r
    LEFT JOIN current_rows c USING (ingest_id)
    LEFT JOIN vintage_rows v USING (ingest_id)
    WHERE NOT r.is_demo
)
SELECT source_id, release, max(published)::VARCHAR AS published, count(*) AS loads,
       sum(current_values)::BIGINT AS current_values, sum(vintage_values)::BIGINT AS vintage_values,
       sum(current_values) > 0 AS in_force
FROM per_load
GROUP BY source_id, release
HAVING sum(current_values) + sum(vintage_values) > 0
ORDER BY source_id, max(release_rank) DESC
