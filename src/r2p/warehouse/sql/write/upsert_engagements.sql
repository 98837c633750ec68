-- Insert or replace engagements from the registered frame `staged_engagement`.
INSERT OR REPLACE INTO engagement (engagement_id, actor_id, situation_id, kind, title, started, started_precision,
                                   ended, ended_precision, verified, source_url, note)
SELECT engagement_id, actor_id, situation_id, kind, title, started::DATE, started_precision, ended::DATE,
       ended_precision, verified, source_url, note
FROM staged_engagement
