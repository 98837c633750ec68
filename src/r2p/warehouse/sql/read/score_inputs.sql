-- The inputs digest a model-based tier method version's stored scores were computed from, and how many it stored.
SELECT inputs_digest, (SELECT count(*) FROM risk_score WHERE method_version = $method_version) AS scores
FROM score_inputs
WHERE method_version = $method_version
