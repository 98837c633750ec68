-- Benchmark: one value per country, year and synthetic indicator (a per-country level, a trend and noise, 0-100).
-- Stored as rows of load $ingest_id.
INSERT INTO observation
SELECT iso3, indicator_id, period, value, $ingest_id
FROM (
    SELECT c.iso3, i.indicator_id, y.period,
           round(least(100, greatest(0, CAST(hash(c.iso3, i.indicator_id, $seed) % 60 AS INTEGER)
               + (y.period - $first_year) * (CAST(hash(i.indicator_id, $seed) % 11 AS INTEGER) - 5) / 20.0
               + CAST(hash(c.iso3, i.indicator_id, y.period, $seed) % 1000 AS INTEGER) / 100.0)), 3) AS value
    FROM country c
    CROSS JOIN (SELECT indicator_id FROM indicator WHERE source_id = 'bench') i
    CROSS JOIN (SELECT range AS period FROM range($first_year, $last_year + 1)) y
)
