-- Audit rows matching the filters (a NULL filter matches everything), newest first.
-- $text matches the entity id, or the before/after values, case-insensitively.
SELECT audit_id, logged_at, actor, action, entity, entity_id,
       CAST(before AS VARCHAR) AS before, CAST(after AS VARCHAR) AS after
FROM audit_log
WHERE ($since IS NULL OR logged_at >= CAST($since AS DATE))
  AND ($until IS NULL OR logged_at < CAST($until AS DATE) + INTERVAL 1 DAY)
  AND ($who IS NULL OR actor = $who)
  AND ($action IS NULL OR action = $action)
  AND ($entity IS NULL OR entity = $entity)
  AND ($entity_id IS NULL OR entity_id = $entity_id)
  AND ($text IS NULL
       OR contains(lower(coalesce(entity_id, '')), lower($text))
       OR contains(lower(coalesce(CAST(before AS VARCHAR), '')), lower($text))
       OR contains(lower(coalesce(CAST(after AS VARCHAR), '')), lower($text)))
ORDER BY audit_id DESC
LIMIT $limit
