-- The tier method version labels that have stored scores.
SELECT DISTINCT method_version FROM risk_score ORDER BY method_version
