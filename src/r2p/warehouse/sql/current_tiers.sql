-- The model tier of every scored country in the latest period of one tier-method version,
-- with the latest analyst assessment for that country and period beside it (never replacing it).
WITH latest AS (
    SELECT max(period) AS period FROM risk_score WHERE method_version = $method_version
), assessed AS (
    SELECT iso3, period, tier AS assessed_tier, rationale, author, created_at,
           row_number() OVER (PARTITION BY iso3, period ORDER BY created_at DESC, assessment_id DESC) AS n
    FROM assessment
)
SELECT r.iso3, c.name, r.period, r.method_version, r.score, r.tier, r.coverage,
       a.assessed_tier, a.rationale AS assessed_rationale, a.author AS assessed_by, a.created_at AS assessed_at
FROM risk_score r
JOIN latest USING (period)
JOIN country c USING (iso3)
LEFT JOIN assessed a ON a.iso3 = r.iso3 AND a.period = r.period AND a.n = 1
WHERE r.method_version = $method_version
ORDER BY r.score DESC NULLS LAST
