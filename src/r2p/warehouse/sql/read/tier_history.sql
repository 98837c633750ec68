-- One country's model score, tier and reliability in every period of each method version in $method_versions (the
-- Country page's one; the briefing's and the key-judgement draft's, when they differ), with the latest analyst
-- assessment of each period beside it (assessments are kept apart: they never replace the model's tier); ordered
-- by version, then period.
WITH versions AS (
    SELECT DISTINCT unnest($method_versions) AS method_version
), model AS (
    SELECT method_version, period, score, tier, coverage, stale_share, contributions::VARCHAR AS contributions
    FROM risk_score WHERE iso3 = $iso3 AND list_contains($method_versions, method_version)
), assessed AS (
    SELECT v.method_version, a.period, a.tier AS assessed_tier, a.rationale AS assessed_rationale,
           a.author AS assessed_by, a.created_at AS assessed_at
    FROM latest_assessment a, versions v WHERE a.iso3 = $iso3
)
SELECT coalesce(m.period, a.period) AS period, coalesce(m.method_version, a.method_version) AS method_version,
       m.score, m.tier, m.coverage, m.stale_share, m.contributions, a.assessed_tier, a.assessed_rationale,
       a.assessed_by, a.assessed_at
FROM model m
FULL OUTER JOIN assessed a ON a.method_version = m.method_version AND a.period = m.period
ORDER BY method_version, period
