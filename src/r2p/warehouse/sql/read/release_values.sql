-- What one release of a source said: every value it stated (current or vintage), optionally one country and some
-- indicators (NULL = all), with whether that value is current.
SELECT v.iso3, v.indicator_id, v.period, v.value, v.is_current, r.release, r.published, v.ingest_id
FROM observation_release v
JOIN load_release r ON r.ingest_id = v.ingest_id
WHERE r.source_id = $source_id AND r.release = $release
  AND ($iso3 IS NULL OR v.iso3 = $iso3)
  AND ($indicator_ids IS NULL OR list_contains($indicator_ids::VARCHAR[], v.indicator_id))
ORDER BY v.iso3, v.indicator_id, v.period
