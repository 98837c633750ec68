-- After loading staged_observation: how many of its values a newer release of the same source holds, by release.
SELECT r.release, max(r.published) AS published, max(r.release_rank) AS release_rank, count(*) AS values_held
FROM staged_observation s
JOIN observation o ON o.iso3 = s.iso3 AND o.indicator_id = s.indicator_id AND o.period = s.period::INTEGER
JOIN load_release r ON r.ingest_id = o.ingest_id
WHERE o.ingest_id <> $ingest_id
GROUP BY r.release
