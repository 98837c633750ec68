-- One tier method version's stored scores (an ensemble ranks them): iso3, period, score, tier, stale share and
-- contributions (JSON text).
SELECT iso3, period, score, tier, stale_share, contributions::VARCHAR AS contributions
FROM risk_score WHERE method_version = $method_version ORDER BY period, iso3
