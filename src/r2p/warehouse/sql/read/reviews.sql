-- Every review with its country's name, newest first.
SELECT r.review_id, r.iso3, c.name, r.rule_id, r.evidence, r.opened_at, r.owner, r.due_date, r.decision,
       r.rationale, r.decided_by, r.decided_at, r.method_version
FROM review r JOIN country c USING (iso3)
ORDER BY r.opened_at DESC, r.review_id DESC
