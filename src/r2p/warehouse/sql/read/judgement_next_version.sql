-- The number the next saved judgements of a country take (1 for the first).
SELECT coalesce(max(version), 0) + 1 AS version FROM judgement WHERE iso3 = $iso3
