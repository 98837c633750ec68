-- Every situation, by id.
SELECT situation_id, name, scope, iso3, countries, note
FROM situation
ORDER BY situation_id
