-- Staged events (temp table ingest_event) whose coordinates are not on Earth (a missing coordinate is not).
SELECT _row, latitude, longitude,
       COALESCE(latitude NOT BETWEEN -90 AND 90, false) AS bad_latitude,
       COALESCE(longitude NOT BETWEEN -180 AND 180, false) AS bad_longitude
FROM ingest_event
WHERE latitude NOT BETWEEN -90 AND 90 OR longitude NOT BETWEEN -180 AND 180
ORDER BY _row
