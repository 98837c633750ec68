-- The latest event date held for one country up to the end of the chosen year (NULL when there is none).
SELECT max(event_date) AS last_date
FROM event
WHERE iso3 = $iso3 AND event_date <= make_date($period, 12, 31)
