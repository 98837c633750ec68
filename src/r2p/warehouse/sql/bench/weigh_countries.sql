-- Benchmark: each country's share of synthetic events (Zipf-like skew, rank by a seeded hash) as [lo, hi).
CREATE OR REPLACE TEMP TABLE bench_country_weight AS
WITH ranked AS (
    SELECT p.iso3, p.west, p.south, p.east, p.north,
           row_number() OVER (ORDER BY hash(p.iso3, $seed), p.iso3) AS rank
    FROM bench_place p JOIN country c USING (iso3)
), weighted AS (
    SELECT *, 1.0 / pow(rank, 1.1) AS weight FROM ranked
)
SELECT iso3, west, south, east, north,
       coalesce(sum(weight) OVER (ORDER BY rank ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING), 0)
           / sum(weight) OVER () AS lo
FROM weighted
ORDER BY lo
