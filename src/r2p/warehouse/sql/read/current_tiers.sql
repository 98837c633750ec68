-- The model tier of every scored country in one period (the method's current one, r2p.tiers.current) of one
-- tier-method version, with the latest analyst assessment for that country and period beside it (never replacing it).
SELECT r.iso3, c.name, r.period, r.method_version, r.score, r.tier, r.coverage,
       a.tier AS assessed_tier, a.rationale AS assessed_rationale, a.author AS assessed_by,
       a.created_at AS assessed_at
FROM risk_score r
JOIN country c USING (iso3)
LEFT JOIN latest_assessment a ON a.iso3 = r.iso3 AND a.period = r.period
WHERE r.method_version = $method_version AND r.period = $period
ORDER BY r.score DESC NULLS LAST
