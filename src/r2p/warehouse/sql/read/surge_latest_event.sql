-- The latest event date held up to a day (NULL when none): the date the surge rules evaluate as of.
SELECT max(event_date) AS last_date FROM event WHERE event_date <= $as_of
