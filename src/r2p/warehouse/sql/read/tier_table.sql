-- The tier table the Overview shows and `r2p tiers` prints: one period (the caller picks it, by default the
-- method's current one: r2p.tiers.current) of one method version, with reliability and the latest analyst
-- assessment beside the model tier.
SELECT r.iso3, c.name, r.period, r.method_version, round(r.score, 4) AS score, r.tier,
       round(r.coverage, 3) AS coverage, round(r.stale_share, 3) AS stale_share, a.tier AS assessed_tier,
       a.author AS assessed_by
FROM risk_score r
JOIN country c USING (iso3)
LEFT JOIN latest_assessment a ON a.iso3 = r.iso3 AND a.period = r.period
WHERE r.method_version = $method_version AND r.period = $period
ORDER BY r.score DESC NULLS LAST, r.iso3
