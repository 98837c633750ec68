-- Each distinct latitude or longitude that is not a plain finite decimal number: blank, a marker, a typo...
-- These few are read in Python, by the rules every importer uses; the rest are cast here.
SELECT DISTINCT 'latitude' AS column_name, latitude AS text FROM acled_rows
WHERE NOT (regexp_full_match(latitude, $plain) AND isfinite(TRY_CAST(latitude AS DOUBLE)))
UNION
SELECT DISTINCT 'longitude', longitude FROM acled_rows
WHERE NOT (regexp_full_match(longitude, $plain) AND isfinite(TRY_CAST(longitude AS DOUBLE)))
