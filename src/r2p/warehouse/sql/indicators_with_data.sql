-- Indicators that hold at least one value, with their year span and whether any of it is demo data.
SELECT i.indicator_id, i.name, i.unit, i.higher_is_worse, i.risk_factors, i.source_id, i.description,
       min(o.period) AS first_period, max(o.period) AS last_period,
       bool_or(s.is_demo) AS is_demo
FROM indicator i
JOIN observation o USING (indicator_id)
JOIN ingest g ON g.ingest_id = o.ingest_id
JOIN source s ON s.source_id = g.source_id
GROUP BY ALL
ORDER BY i.name
