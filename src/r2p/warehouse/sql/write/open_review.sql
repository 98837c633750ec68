-- Open one review; returns its review_id. $evidence_key is NULL for a review no trigger opened (a deferral). It is
-- a demo review when the warehouse holds demo data.
INSERT INTO review (iso3, rule_id, evidence, opened_at, owner, due_date, evidence_key, method_version, level, is_demo)
VALUES ($iso3, $rule_id, $evidence, $opened_at, $owner, $due_date, $evidence_key, $method_version, $level,
        EXISTS (SELECT 1 FROM ingest JOIN source USING (source_id) WHERE source.is_demo))
RETURNING review_id
