-- Append the registered frame `staged_score`: one tier-method version's scores.
INSERT INTO risk_score (iso3, period, method_version, score, tier, coverage, contributions, stale_share)
SELECT iso3, period, method_version, score, tier, coverage, contributions::JSON, stale_share FROM staged_score
