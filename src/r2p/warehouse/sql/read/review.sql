-- One review, for recording its decision.
SELECT iso3, rule_id, evidence, owner, decision, method_version, level FROM review WHERE review_id = $review_id
