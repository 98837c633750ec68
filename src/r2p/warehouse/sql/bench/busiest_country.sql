-- The country holding the most events (the heaviest Country page).
SELECT iso3 FROM event GROUP BY iso3 ORDER BY count(*) DESC, iso3 LIMIT 1
