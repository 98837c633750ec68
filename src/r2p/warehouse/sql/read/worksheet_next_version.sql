-- The number the next saved worksheet of a country takes (1 for the first).
SELECT coalesce(max(version), 0) + 1 AS version FROM worksheet WHERE iso3 = $iso3
