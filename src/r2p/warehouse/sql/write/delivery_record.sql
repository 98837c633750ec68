-- Record one delivery attempt of a digest on a channel: sent, or failed (kept, and retried on the next run).
INSERT INTO delivery (draft_id, channel, status, attempts, last_attempt_at, sent_at, error)
VALUES ($draft_id, $channel, $status, 1, $at, CASE WHEN $status = 'sent' THEN $at END, $error)
ON CONFLICT (draft_id, channel) DO UPDATE SET
    status = excluded.status, attempts = delivery.attempts + 1, last_attempt_at = excluded.last_attempt_at,
    sent_at = excluded.sent_at, error = excluded.error
