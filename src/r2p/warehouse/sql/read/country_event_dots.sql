-- The event map's dots (the Country page's and the briefing's): one country's located events in the window
-- ($since, $until] (read.profile.event_window), as country_events_to selects them, one dot per event while there
-- are at most $limit; beyond that, one dot per grid cell and violence type (NULL its own type): mean position,
-- summed deaths (best estimate), latest date, the place of the latest event naming one (the first in
-- country_events_to's order) and the `events` merged.
-- The cell is the first of 0.05°, 0.1°, 0.2°, ... (doubling) that leaves at most $limit dots. Single events come in
-- country_events_to's order (newest first); merged dots by cell (south to north, then west to east) and type.
-- NOTE: each event is placed in its 0.05° cell once, floored as Python's float // floors it (by the remainder,
-- then to the nearest whole quotient), so a point on a cell's edge falls where the pandas rule put it; the events
-- are reduced per cell and type, and a coarser cell is that index halved k times (floor(x / 2^k c) =
-- floor(floor(x / c) / 2^k)), so each cell size's dot count comes from the reduced cells, not from every event
-- again. At 0.05° x 2^12 (204.8°) the world is four cells: no coarser size merges more. A dot's place is looked up
-- afterwards among its events of its latest named date (the lowest event_id there), not by sorting every event.
-- Only the placed events are held (celled): the single dots are read from them too, not from a second copy.
WITH located AS (
    SELECT event_id, event_date, admin1, latitude, longitude, violence_type, coalesce(deaths_best, 0) AS deaths_best,
           latitude % 0.05::DOUBLE AS lat_rest, longitude % 0.05::DOUBLE AS lon_rest
    FROM event
    WHERE iso3 = $iso3 AND latitude IS NOT NULL AND longitude IS NOT NULL
      AND event_date > CAST($since AS DATE) AND event_date <= CAST($until AS DATE)
), quotients AS (
    SELECT *, (latitude - lat_rest) / 0.05::DOUBLE - (lat_rest < 0)::INTEGER AS lat_q,
           (longitude - lon_rest) / 0.05::DOUBLE - (lon_rest < 0)::INTEGER AS lon_q
    FROM located
), celled AS MATERIALIZED (
    SELECT event_id, event_date, admin1, latitude, longitude, violence_type, deaths_best,
           (floor(lat_q) + (lat_q - floor(lat_q) > 0.5)::INTEGER)::BIGINT AS lat_cell,
           (floor(lon_q) + (lon_q - floor(lon_q) > 0.5)::INTEGER)::BIGINT AS lon_cell
    FROM quotients
), fine AS MATERIALIZED (
    SELECT lat_cell, lon_cell, violence_type,
           count(*) AS events, sum(deaths_best) AS deaths, sum(latitude) AS lat_sum, sum(longitude) AS lon_sum,
           max(event_date) AS last_date, max(event_date) FILTER (WHERE admin1 IS NOT NULL) AS named_date
    FROM celled
    GROUP BY ALL
), sizes AS (
    SELECT k, count(*) AS dots
    FROM (SELECT DISTINCT k, lat_cell >> k, lon_cell >> k, violence_type FROM fine, range(0, 13) AS levels(k))
    GROUP BY k
), chosen AS (
    SELECT coalesce(min(k) FILTER (WHERE dots <= $limit), 12) AS k, (SELECT sum(events) FROM fine) > $limit AS merging
    FROM sizes
), merged AS (
    SELECT lat_cell >> k AS lat_dot, lon_cell >> k AS lon_dot, violence_type, k,
           max(last_date) AS event_date, max(named_date) AS named_date, sum(lat_sum) / sum(events) AS latitude,
           sum(lon_sum) / sum(events) AS longitude, sum(deaths)::BIGINT AS deaths_best, sum(events)::BIGINT AS events
    FROM fine, chosen
    WHERE merging
    GROUP BY ALL
), places AS (
    SELECT m.lat_dot, m.lon_dot, m.violence_type, arg_min(c.admin1, c.event_id) AS admin1
    FROM merged m
    JOIN celled c ON c.event_date = m.named_date AND c.lat_cell >> m.k = m.lat_dot AND c.lon_cell >> m.k = m.lon_dot
     AND c.violence_type IS NOT DISTINCT FROM m.violence_type AND c.admin1 IS NOT NULL
    GROUP BY ALL
), dots AS (
    SELECT m.event_date, p.admin1, m.latitude, m.longitude, m.violence_type, m.deaths_best, m.events,
           m.lat_dot, m.lon_dot, m.violence_type AS type_key, NULL AS event_id
    FROM merged m
    LEFT JOIN places p ON p.lat_dot = m.lat_dot AND p.lon_dot = m.lon_dot
     AND p.violence_type IS NOT DISTINCT FROM m.violence_type
), single AS (
    SELECT event_date, admin1, latitude, longitude, violence_type, deaths_best::BIGINT AS deaths_best,
           1::BIGINT AS events, NULL::BIGINT AS lat_dot, NULL::BIGINT AS lon_dot, NULL::INTEGER AS type_key, event_id
    FROM celled, chosen
    WHERE NOT merging
)
SELECT event_date, admin1, latitude, longitude, violence_type, deaths_best, events
FROM (SELECT * FROM dots UNION ALL BY NAME SELECT * FROM single)
ORDER BY lat_dot, lon_dot, type_key NULLS LAST, event_date DESC, event_id
