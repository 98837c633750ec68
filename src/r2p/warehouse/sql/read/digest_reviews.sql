-- Every review with its country and where it stands now: its escalation level, the holder who must decide (owner)
-- and the deadline (due date).
SELECT r.review_id, r.iso3, c.name, r.rule_id, r.evidence, r.opened_at, r.decision,
       coalesce(r.level, 1) AS level, r.owner AS holder, r.due_date AS deadline
FROM review r
JOIN country c USING (iso3)
ORDER BY r.review_id
