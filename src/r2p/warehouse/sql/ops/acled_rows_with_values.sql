-- The first rows of `acled_rows` whose cell in one column holds one of the registered `acled_flagged` values,
-- with how many rows do in all: to name file, row, column and value of a problem.
SELECT _row, {{identifier column}} AS value, count(*) OVER () AS total
FROM acled_rows
WHERE {{identifier column}} IN (SELECT value FROM acled_flagged)
ORDER BY _row
LIMIT $limit
