-- Insert or replace situations from the registered frame `staged_situation`.
INSERT OR REPLACE INTO situation (situation_id, name, scope, iso3, countries, note)
SELECT situation_id, name, scope, iso3, countries, note
FROM staged_situation
