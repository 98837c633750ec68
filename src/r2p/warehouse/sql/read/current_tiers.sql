-- The model tier of every scored country in the latest period of one tier-method version,
-- with the latest analyst assessment for that country and period beside it (never replacing it).
WITH latest AS (
    SELECT max(period) AS period FROM risk_score WHERE method_version = $method_version
)
SELECT r.iso3, c.name, r.period, r.method_version, r.score, r.tier, r.coverage,
       a.tier AS assessed_tier, a.rationale AS assessed_rationale, a.author AS assessed_by,
       a.created_at AS assessed_at
FROM risk_score r
JOIN latest USING (period)
JOIN country c USING (iso3)
LEFT JOIN latest_assessment a ON a.iso3 = r.iso3 AND a.period = r.period
WHERE r.method_version = $method_version
ORDER BY r.score DESC NULLS LAST
