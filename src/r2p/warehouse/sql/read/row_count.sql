-- How many rows one table holds (its name comes from DuckDB's own catalog).
SELECT count(*) AS rows FROM {{identifier table}}
