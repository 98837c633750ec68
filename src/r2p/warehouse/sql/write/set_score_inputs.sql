-- Record the inputs digest a model-based tier method version's stored scores were just computed from.
INSERT OR REPLACE INTO score_inputs (method_version, inputs_digest, scored_at)
VALUES ($method_version, $inputs_digest, $scored_at)
