-- Draft one digest (unapproved); returns its id.
INSERT INTO digest_draft (recipient, drafted_at, subject, body)
VALUES ($recipient, $drafted_at, $subject, $body)
RETURNING draft_id
