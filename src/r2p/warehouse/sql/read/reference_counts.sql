-- How many countries and indicators the warehouse knows.
SELECT (SELECT count(*) FROM country) AS countries, (SELECT count(*) FROM indicator) AS indicators
