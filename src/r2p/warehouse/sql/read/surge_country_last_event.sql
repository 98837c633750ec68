-- One country's latest event date (NULL when it has none): its sub-national surges are shown as of that day.
SELECT max(event_date) AS last_date FROM event WHERE iso3 = $iso3
