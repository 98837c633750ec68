-- How many events are held.
SELECT count(*) AS events FROM event
