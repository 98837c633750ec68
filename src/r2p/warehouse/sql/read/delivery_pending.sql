-- Approved digests with what each still needs: every approved draft and the channels it was already sent on.
SELECT d.draft_id, d.recipient, d.drafted_at, d.subject, d.body,
       coalesce(list(v.channel ORDER BY v.channel) FILTER (WHERE v.status = 'sent'), []) AS sent_on
FROM digest_draft d
LEFT JOIN delivery v USING (draft_id)
WHERE d.approved_at IS NOT NULL
GROUP BY ALL
ORDER BY d.draft_id
