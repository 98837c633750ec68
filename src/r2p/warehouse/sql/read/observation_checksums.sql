-- Per indicator of $indicator_ids that has observations: how many, and an order-free checksum of them (iso3,
-- period, value), so a model-based tier method can tell whether its inputs changed since it was last trained.
SELECT indicator_id, count(*) AS observations, sum(hash(iso3, period, value))::VARCHAR AS checksum
FROM observation
WHERE list_contains($indicator_ids, indicator_id)
GROUP BY indicator_id
ORDER BY indicator_id
