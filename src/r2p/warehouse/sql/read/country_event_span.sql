-- What the briefing's event map says of its events (the same as country_event_dots): one country's located events
-- in the window ($since, $until] (read.profile.event_window), how many, the first and last date, the sources they
-- come from (in the order of country_events_to's first row of each: newest first) and the newest as-of date of
-- their loads.
-- NOTE: reduced per load and day before joining `ingest` and `source`: one pass over the events, no row fetched.
WITH per_day AS (
    SELECT ingest_id, event_date, count(*) AS events, min(event_id) AS first_id
    FROM event
    WHERE iso3 = $iso3 AND latitude IS NOT NULL AND longitude IS NOT NULL
      AND event_date > CAST($since AS DATE) AND event_date <= CAST($until AS DATE)
    GROUP BY ingest_id, event_date
), per_source AS (
    SELECT s.name, sum(p.events) AS events, min(p.event_date) AS first_event, max(p.event_date) AS last_event,
           min({'later': DATE '1970-01-01' - p.event_date, 'event_id': p.first_id}) AS listed, max(g.as_of) AS as_of
    FROM per_day p
    JOIN ingest g ON g.ingest_id = p.ingest_id
    JOIN source s ON s.source_id = g.source_id
    GROUP BY s.name
)
SELECT coalesce(sum(events), 0)::BIGINT AS events, min(first_event) AS first_event, max(last_event) AS last_event,
       coalesce(list(name ORDER BY listed), []) AS sources, max(as_of) AS as_of
FROM per_source
