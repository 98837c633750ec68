-- One country's events in a date window (briefing pack: what changed since a date): how many, their deaths
-- (best estimate), and the latest event held for the country at all, with the as-of date of its newest load.
SELECT count(*) FILTER (WHERE e.event_date BETWEEN $since AND $until) AS events,
       coalesce(sum(e.deaths_best) FILTER (WHERE e.event_date BETWEEN $since AND $until), 0)::BIGINT AS deaths,
       max(e.event_date) AS last_event,
       max(g.as_of) AS as_of
FROM event e
JOIN ingest g ON g.ingest_id = e.ingest_id
WHERE e.iso3 = $iso3
