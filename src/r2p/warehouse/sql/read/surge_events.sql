-- Events with deaths, place and admin-1 area dated in [$since, $as_of], for the surge rules.
SELECT iso3, event_date, admin1, latitude, longitude, violence_type, coalesce(deaths_best, 0) AS deaths_best
FROM event
WHERE event_date BETWEEN $since AND $as_of
