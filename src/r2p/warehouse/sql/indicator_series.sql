-- One country's series for an indicator beside the median of its UN sub-region, year by year.
WITH region AS (
    SELECT un_subregion FROM country WHERE iso3 = $iso3
), peers AS (
    SELECT o.period, median(o.value) AS region_median
    FROM observation o JOIN country c USING (iso3)
    WHERE o.indicator_id = $indicator_id AND c.un_subregion = (SELECT un_subregion FROM region)
    GROUP BY o.period
)
SELECT p.period, o.value, p.region_median, coalesce(s.is_demo, false) AS is_demo
FROM peers p
LEFT JOIN observation o ON o.period = p.period AND o.iso3 = $iso3 AND o.indicator_id = $indicator_id
LEFT JOIN ingest g ON g.ingest_id = o.ingest_id
LEFT JOIN source s ON s.source_id = g.source_id
ORDER BY p.period
