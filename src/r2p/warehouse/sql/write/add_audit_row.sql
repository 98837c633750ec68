-- Append one audit row (no code path updates or deletes one).
INSERT INTO audit_log (audit_id, logged_at, actor, action, entity, entity_id, before, after, row_hash)
VALUES ($audit_id, $logged_at, $actor, $action, $entity, $entity_id, $before, $after, $row_hash)
