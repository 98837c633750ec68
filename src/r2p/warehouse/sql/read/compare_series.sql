-- Yearly values of the chosen indicators for the chosen countries (kind 'country'), and the median of each
-- chosen country's UN sub-region (kind 'median', over every country of that sub-region holding a value).
WITH chosen AS (
    SELECT iso3, name, un_subregion FROM country WHERE list_contains($iso3s, iso3)
), countries AS (
    SELECT o.indicator_id, 'country' AS kind, ch.iso3, ch.name AS line, ch.un_subregion, o.period, o.value,
           s.name AS source_name, s.is_demo
    FROM observation o
    JOIN chosen ch USING (iso3)
    JOIN ingest g ON g.ingest_id = o.ingest_id
    JOIN source s ON s.source_id = g.source_id
    WHERE list_contains($indicator_ids, o.indicator_id)
), medians AS (
    SELECT o.indicator_id, 'median' AS kind, NULL AS iso3, c.un_subregion || ' median' AS line, c.un_subregion,
           o.period, median(o.value) AS value, NULL AS source_name, NULL AS is_demo
    FROM observation o
    JOIN country c USING (iso3)
    WHERE list_contains($indicator_ids, o.indicator_id)
      AND c.un_subregion IN (SELECT un_subregion FROM chosen)
    GROUP BY o.indicator_id, c.un_subregion, o.period
)
SELECT u.indicator_id, i.name AS indicator_name, i.unit, u.kind, u.iso3, u.line, u.un_subregion, u.period, u.value,
       u.source_name, u.is_demo
FROM (SELECT * FROM countries UNION ALL SELECT * FROM medians) u
JOIN indicator i USING (indicator_id)
ORDER BY i.name, u.kind, u.line, u.period
