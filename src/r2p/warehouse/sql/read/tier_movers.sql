-- Countries whose model tier in one method version changed between the previous period and $period.
SELECT now.iso3, c.name, before.tier AS from_tier, now.tier AS to_tier, round(before.score, 4) AS from_score,
       round(now.score, 4) AS to_score, now.period, now.method_version
FROM risk_score now
JOIN risk_score before
  ON before.iso3 = now.iso3 AND before.method_version = now.method_version AND before.period = now.period - 1
JOIN country c ON c.iso3 = now.iso3
WHERE now.method_version = $method_version AND now.period = $period AND before.tier <> now.tier
ORDER BY now.score DESC NULLS LAST, now.iso3
