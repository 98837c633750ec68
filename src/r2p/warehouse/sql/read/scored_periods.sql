-- The periods one method version has scores for, latest first.
SELECT DISTINCT period FROM risk_score WHERE method_version = $method_version ORDER BY period DESC
