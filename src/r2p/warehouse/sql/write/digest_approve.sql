-- Approve one digest (the caller checks it was not approved already).
UPDATE digest_draft SET approved_by = $approved_by, approved_at = $approved_at WHERE draft_id = $draft_id
