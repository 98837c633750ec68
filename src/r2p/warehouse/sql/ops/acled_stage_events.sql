-- Stage the registered rows `acled_rows` as events in the temp table ingest_event. Each low-variety cell is
-- mapped through a small registered table of its column's distinct values, checked and mapped in Python
-- (acled_codes, acled_dates, acled_kinds, acled_deaths); a coordinate through acled_coordinates only when it
-- is not a plain number (cast here otherwise). Untracked territories (no iso3) are left out.
-- NOTE: trim() with a list of characters ($space: what Python's str.strip() removes) costs 6x a plain scan, so
-- it runs only on a value that starts or ends outside '!'..U+0084, the range that holds no whitespace.
CREATE TEMP TABLE ingest_event AS
SELECT r._row,
       'acled-' || CASE WHEN ord(r.event_id_cnty) BETWEEN 33 AND 132 AND ord(right(r.event_id_cnty, 1)) BETWEEN 33 AND 132
                        THEN r.event_id_cnty ELSE trim(r.event_id_cnty, $space) END AS event_id,
       c.iso3,
       d.event_date,
       CASE WHEN ord(r.admin1) BETWEEN 33 AND 132 AND ord(right(r.admin1, 1)) BETWEEN 33 AND 132
            THEN r.admin1 ELSE NULLIF(trim(r.admin1, $space), '') END AS admin1,
       CASE WHEN la.text IS NULL THEN CAST(r.latitude AS DOUBLE) ELSE la.value END AS latitude,
       CASE WHEN lo.text IS NULL THEN CAST(r.longitude AS DOUBLE) ELSE lo.value END AS longitude,
       k.violence_type,
       f.deaths AS deaths_best, f.deaths AS deaths_low, f.deaths AS deaths_high,
       k.source_ref,
       k.civilian
FROM acled_rows r
JOIN acled_codes c ON c.iso = r.iso AND c.country IS NOT DISTINCT FROM r.country
JOIN (SELECT text, CAST(event_date AS DATE) AS event_date FROM acled_dates) d ON d.text = r.event_date
JOIN acled_kinds k ON k.event_type = r.event_type
    AND k.sub_event_type IS NOT DISTINCT FROM r.sub_event_type
    AND k.civilian_targeting IS NOT DISTINCT FROM r.civilian_targeting
    AND k.inter1 IS NOT DISTINCT FROM r.inter1 AND k.inter2 IS NOT DISTINCT FROM r.inter2
JOIN acled_deaths f ON f.text = r.fatalities
LEFT JOIN acled_coordinates la ON la.column_name = 'latitude' AND la.text = r.latitude
LEFT JOIN acled_coordinates lo ON lo.column_name = 'longitude' AND lo.text = r.longitude
WHERE c.iso3 IS NOT NULL
