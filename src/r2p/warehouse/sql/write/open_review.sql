-- Open one review; returns its review_id. $evidence_key is NULL for a review no trigger opened (a deferral).
INSERT INTO review (iso3, rule_id, evidence, opened_at, owner, due_date, evidence_key, method_version, level)
VALUES ($iso3, $rule_id, $evidence, $opened_at, $owner, $due_date, $evidence_key, $method_version, $level)
RETURNING review_id
