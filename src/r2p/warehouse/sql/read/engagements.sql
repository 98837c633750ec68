-- Every engagement (actor x situation x kind), by id.
SELECT engagement_id, actor_id, situation_id, kind, title, started, started_precision, ended, ended_precision,
       verified, source_url, note
FROM engagement
ORDER BY engagement_id
