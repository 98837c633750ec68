-- Drop one table (its name comes from DuckDB's own catalog).
DROP TABLE IF EXISTS {{identifier name}} CASCADE
