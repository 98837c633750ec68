-- One country's events in three date windows (`span`): `since` (the briefing's, from $since to $today), `recent`
-- (the twelve months to $today, from $recent) and `before` (the twelve months before, from $before to
-- $recent_eve): how many and their deaths (best estimate), with the latest event held for the country at all.
-- NOTE: each window is its own WHERE on event_date, so DuckDB skips the row groups outside it; one FILTER per
-- window over all of the country's events reads every one of them (a million for the busiest country at 5 M).
WITH windows AS (
    SELECT 'since' AS span, count(*) AS events, sum(deaths_best) AS deaths
    FROM event WHERE iso3 = $iso3 AND event_date BETWEEN $since AND $today
    UNION ALL
    SELECT 'recent', count(*), sum(deaths_best)
    FROM event WHERE iso3 = $iso3 AND event_date BETWEEN $recent AND $today
    UNION ALL
    SELECT 'before', count(*), sum(deaths_best)
    FROM event WHERE iso3 = $iso3 AND event_date BETWEEN $before AND $recent_eve
)
SELECT span, events::BIGINT AS events, coalesce(deaths, 0)::BIGINT AS deaths,
       (SELECT max(event_date) FROM event WHERE iso3 = $iso3) AS last_event
FROM windows
