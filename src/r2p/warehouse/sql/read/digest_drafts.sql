-- Every digest draft, newest first, with its approval and how its deliveries stand (channels sent, failed).
SELECT d.draft_id, d.recipient, d.drafted_at, d.subject, d.body, d.approved_by, d.approved_at,
       coalesce(string_agg(v.channel, ',' ORDER BY v.channel) FILTER (WHERE v.status = 'sent'), '') AS sent,
       coalesce(string_agg(v.channel, ',' ORDER BY v.channel) FILTER (WHERE v.status = 'failed'), '') AS failed
FROM digest_draft d
LEFT JOIN delivery v USING (draft_id)
GROUP BY ALL
ORDER BY d.draft_id DESC
