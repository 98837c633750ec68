-- Every country's model tier in every period for one method version.
SELECT iso3, period, tier, score FROM risk_score WHERE method_version = $method_version ORDER BY iso3, period
