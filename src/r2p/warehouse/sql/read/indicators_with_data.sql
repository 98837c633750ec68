-- Indicators that hold at least one value, with their year span and whether any of it is demo data.
-- NOTE: observations are reduced per indicator and load before the joins (one small aggregate, not a GROUP BY
-- over every observation joined to the indicator's text columns).
WITH per_load AS (
    SELECT indicator_id, ingest_id, min(period) AS first_period, max(period) AS last_period
    FROM observation GROUP BY indicator_id, ingest_id
), held AS (
    SELECT p.indicator_id, min(p.first_period) AS first_period, max(p.last_period) AS last_period,
           bool_or(s.is_demo) AS is_demo
    FROM per_load p
    JOIN ingest g ON g.ingest_id = p.ingest_id
    JOIN source s ON s.source_id = g.source_id
    GROUP BY p.indicator_id
)
SELECT i.indicator_id, i.name, i.unit, i.higher_is_worse, i.risk_factors, i.source_id, i.description,
       h.first_period, h.last_period, h.is_demo
FROM indicator i
JOIN held h USING (indicator_id)
ORDER BY i.name
