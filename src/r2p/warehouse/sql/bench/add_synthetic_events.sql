-- Benchmark: $events synthetic events, deterministic for a seed: skewed countries, recent-heavy dates between
-- $first_day and $last_day, points inside each country's rough bounding box, UCDP violence types, heavy-tailed deaths.
-- They are stored as rows of load $ingest_id, in the order r2p ingest stores events (see write/add_events).
INSERT INTO event
SELECT event_id, 'bench', iso3, event_date, admin1, latitude, longitude, violence_type, deaths_best, deaths_best,
       deaths_best, 'synthetic', $ingest_id
FROM (
    WITH draws AS (
        SELECT i,
               (hash(i, $seed, 1) % 1000003) / 1000003.0 AS u_country,
               (hash(i, $seed, 2) % 1000003) / 1000003.0 AS u_date,
               (hash(i, $seed, 3) % 1000003) / 1000003.0 AS u_lon,
               (hash(i, $seed, 4) % 1000003) / 1000003.0 AS u_lat,
               (hash(i, $seed, 5) % 1000003) / 1000003.0 AS u_type,
               (hash(i, $seed, 6) % 1000003) / 1000003.0 AS u_deaths,
               hash(i, $seed, 7) % 24 AS region
        FROM range($events) AS t(i)
    ), placed AS (
        SELECT d.*, w.iso3, w.west, w.south, w.east, w.north
        FROM draws d ASOF JOIN bench_country_weight w ON d.u_country >= w.lo
    )
    SELECT 'bench-' || i AS event_id, iso3,
           CAST($first_day AS DATE) + CAST(floor(sqrt(u_date) * (CAST($last_day AS DATE) - CAST($first_day AS DATE)))
               AS INTEGER) AS event_date,
           'Region ' || CAST(region AS INTEGER) AS admin1,
           round(south + u_lat * (north - south), 4) AS latitude,
           round(west + u_lon * (east - west), 4) AS longitude,
           CASE WHEN u_type < 0.5 THEN 1 WHEN u_type < 0.7 THEN 2 ELSE 3 END AS violence_type,
           CAST(floor(pow(1.0 - u_deaths * 0.999, -0.9)) - 1 AS INTEGER) AS deaths_best
    FROM placed
    ORDER BY iso3, event_date, event_id
)
