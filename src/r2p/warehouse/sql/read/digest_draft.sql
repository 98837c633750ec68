-- One digest draft, for approving it.
SELECT draft_id, recipient, subject, approved_by, approved_at FROM digest_draft WHERE draft_id = $draft_id
