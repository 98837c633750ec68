-- A country's latest saved key judgements (no row when nobody has saved or approved any).
SELECT iso3, version, key_judgements, what_changed, approved, edited_by, edited_at, approved_by, approved_at
FROM judgement
WHERE iso3 = $iso3
ORDER BY version DESC
LIMIT 1
