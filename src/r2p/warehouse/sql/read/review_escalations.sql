-- Reviews that escalation moved up at least once (from the audit log), for the rules' track record.
SELECT DISTINCT CAST(entity_id AS INTEGER) AS review_id FROM audit_log WHERE action = 'escalate' AND entity = 'review'
