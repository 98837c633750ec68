-- Forget a model-based tier method version's inputs digest (its inputs are absent, so it stores no scores).
DELETE FROM score_inputs WHERE method_version = $method_version
