-- The tier table the Overview shows and `r2p tiers` prints: one period (latest when $period is NULL) of one
-- method version, with reliability and the latest analyst assessment beside the model tier.
WITH chosen AS (
    SELECT coalesce($period, (SELECT max(period) FROM risk_score WHERE method_version = $method_version)) AS period
)
SELECT r.iso3, c.name, r.period, r.method_version, round(r.score, 4) AS score, r.tier,
       round(r.coverage, 3) AS coverage, round(r.stale_share, 3) AS stale_share, a.tier AS assessed_tier,
       a.author AS assessed_by
FROM risk_score r
JOIN chosen USING (period)
JOIN country c USING (iso3)
LEFT JOIN latest_assessment a ON a.iso3 = r.iso3 AND a.period = r.period
WHERE r.method_version = $method_version
ORDER BY r.score DESC NULLS LAST, r.iso3
