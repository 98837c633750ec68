-- Drop one view (its name comes from DuckDB's own catalog).
DROP VIEW IF EXISTS {{identifier name}} CASCADE
