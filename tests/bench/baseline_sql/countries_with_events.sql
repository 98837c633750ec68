-- The test's own list: every country holding an event, and its latest event date.
SELECT iso3, max(event_date) AS last_date FROM event GROUP BY iso3 ORDER BY iso3
