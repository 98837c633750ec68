-- One country's events in a date window (briefing pack: what changed since a date): how many, their deaths
-- (best estimate), and the latest event held for the country at all, with the as-of date of its newest load.
-- NOTE: reduced per load before joining `ingest`, so a country with a million events joins a handful of rows.
WITH mine AS (
    SELECT ingest_id,
           count(*) FILTER (WHERE event_date BETWEEN $since AND $until) AS events,
           sum(deaths_best) FILTER (WHERE event_date BETWEEN $since AND $until) AS deaths,
           max(event_date) AS last_event
    FROM event
    WHERE iso3 = $iso3
    GROUP BY ingest_id
)
SELECT coalesce(sum(m.events), 0)::BIGINT AS events, coalesce(sum(m.deaths), 0)::BIGINT AS deaths,
       max(m.last_event) AS last_event, max(g.as_of) AS as_of
FROM mine m
JOIN ingest g ON g.ingest_id = m.ingest_id
