-- One review, for recording its decision.
SELECT iso3, rule_id, evidence, owner, decision, method_version FROM review WHERE review_id = $review_id
