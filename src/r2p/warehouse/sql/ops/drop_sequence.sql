-- Drop one sequence (its name comes from DuckDB's own catalog).
DROP SEQUENCE IF EXISTS {{identifier name}} CASCADE
