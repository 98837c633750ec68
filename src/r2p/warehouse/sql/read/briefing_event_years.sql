-- One country's events per calendar year (the briefing's casualty trend): how many and their deaths (best
-- estimate), with the latest event of the year and the as-of date of the newest load holding one of them (so the
-- briefing reads the country's last event and its as-of from the same pass).
-- NOTE: reduced per load and year before joining `ingest`: one pass over the country's events.
WITH per_load AS (
    SELECT ingest_id, year(event_date)::INTEGER AS year, count(*) AS events, sum(deaths_best) AS deaths,
           max(event_date) AS last_event
    FROM event
    WHERE iso3 = $iso3
    GROUP BY ALL
)
SELECT p.year, sum(p.events)::BIGINT AS events, coalesce(sum(p.deaths), 0)::BIGINT AS deaths,
       max(p.last_event) AS last_event, max(g.as_of) AS as_of
FROM per_load p
JOIN ingest g ON g.ingest_id = p.ingest_id
GROUP BY p.year
ORDER BY p.year
