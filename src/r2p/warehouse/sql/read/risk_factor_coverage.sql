-- Each of the 14 UN Framework risk factors with the indicators that hold data for it (none = a blind spot).
WITH factors AS (SELECT range AS factor FROM range(1, 15)),
held AS (
    SELECT DISTINCT i.indicator_id, i.name, unnest(i.risk_factors) AS factor
    FROM indicator i WHERE EXISTS (SELECT 1 FROM observation o WHERE o.indicator_id = i.indicator_id)
)
SELECT f.factor, count(h.indicator_id) AS indicators, string_agg(h.name, '; ' ORDER BY h.name) AS indicator_names
FROM factors f LEFT JOIN held h USING (factor)
GROUP BY f.factor
ORDER BY f.factor
