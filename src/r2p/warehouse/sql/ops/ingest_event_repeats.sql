-- Staged events (temp table ingest_event) whose event_id an earlier row already has.
SELECT _row, event_id FROM (
    SELECT _row, event_id, row_number() OVER (PARTITION BY event_id ORDER BY _row) AS nth
    FROM ingest_event
    WHERE event_id IN (SELECT event_id FROM ingest_event GROUP BY event_id HAVING count(*) > 1)
)
WHERE nth > 1
ORDER BY _row
