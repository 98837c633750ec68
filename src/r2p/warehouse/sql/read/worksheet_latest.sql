-- A country's latest worksheet version (no row when nobody has saved one).
SELECT iso3, version, content, edited_by, edited_at
FROM worksheet
WHERE iso3 = $iso3
ORDER BY version DESC
LIMIT 1
