-- Every review with its country's name, newest first; `owner` holds it at its escalation `level` until `due_date`.
SELECT r.review_id, r.iso3, c.name, r.rule_id, r.evidence, r.opened_at, r.level, r.owner, r.due_date, r.decision,
       r.rationale, r.decided_by, r.decided_at, r.method_version
FROM review r JOIN country c USING (iso3)
ORDER BY r.opened_at DESC, r.review_id DESC
