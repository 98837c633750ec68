-- Insert or replace actors from the registered frame `staged_actor` (same columns as engagement_actors).
INSERT OR REPLACE INTO actor (actor_id, name, short_name, kind, parent_id, established, established_precision,
                              dissolved, dissolved_precision, successor_id, verified, source_url, note)
SELECT actor_id, name, short_name, kind, parent_id, established::DATE, established_precision, dissolved::DATE,
       dissolved_precision, successor_id, verified, source_url, note
FROM staged_actor
