-- A country's ISO 3166 numeric code (0 when it has none).
SELECT coalesce(iso_numeric, 0) AS iso_numeric FROM country WHERE iso3 = $iso3
