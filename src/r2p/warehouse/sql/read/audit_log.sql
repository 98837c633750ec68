-- Every audit row in id order, its hashed fields first and its stored hash last (the chain check's order).
SELECT audit_id, logged_at, actor, action, entity, entity_id, before, after, row_hash
FROM audit_log ORDER BY audit_id
