-- One country's model score, tier and reliability in every period of one method version, with the latest
-- analyst assessment of each period beside it (assessments are kept apart: they never replace the model's tier).
WITH model AS (
    SELECT period, score, tier, coverage, stale_share, contributions::VARCHAR AS contributions
    FROM risk_score WHERE iso3 = $iso3 AND method_version = $method_version
), assessed AS (
    SELECT period, tier AS assessed_tier, rationale AS assessed_rationale, author AS assessed_by,
           created_at AS assessed_at
    FROM latest_assessment WHERE iso3 = $iso3
)
SELECT coalesce(m.period, a.period) AS period, $method_version AS method_version, m.score, m.tier, m.coverage,
       m.stale_share, m.contributions, a.assessed_tier, a.assessed_rationale, a.assessed_by, a.assessed_at
FROM model m
FULL OUTER JOIN assessed a ON a.period = m.period
ORDER BY period
