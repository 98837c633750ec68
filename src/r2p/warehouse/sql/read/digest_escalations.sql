-- Every escalation of a review (an "escalate" row of the audit log), oldest first, with the review's country and rule.
SELECT a.audit_id, r.review_id, r.iso3, c.name, r.rule_id, r.decision, a.logged_at,
       TRY_CAST(a.after->>'level' AS INTEGER) AS level, a.after->>'holder' AS holder,
       TRY_CAST(a.after->>'deadline' AS DATE) AS deadline
FROM audit_log a
JOIN review r ON r.review_id = TRY_CAST(a.entity_id AS INTEGER)
JOIN country c ON c.iso3 = r.iso3
WHERE a.action = 'escalate' AND a.entity = 'review'
ORDER BY a.audit_id
