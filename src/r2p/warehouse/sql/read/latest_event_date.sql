-- The latest event date held, for any country and source (NULL when no events are held).
SELECT max(event_date) AS last_date FROM event
