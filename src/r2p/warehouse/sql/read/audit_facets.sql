-- The values the audit filters offer: every actor, action and entity in the log, with its row count.
SELECT 'who' AS facet, actor AS value, count(*) AS rows FROM audit_log GROUP BY actor
UNION ALL
SELECT 'action', action, count(*) FROM audit_log GROUP BY action
UNION ALL
SELECT 'entity', entity, count(*) FROM audit_log GROUP BY entity
ORDER BY facet, value
