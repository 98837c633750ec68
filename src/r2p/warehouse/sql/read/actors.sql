-- Every actor in the registry, by id.
SELECT actor_id, name, short_name, kind, parent_id, established, established_precision, dissolved,
       dissolved_precision, successor_id, verified, source_url, note
FROM actor
ORDER BY actor_id
