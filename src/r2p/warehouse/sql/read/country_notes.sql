-- A country's notes, latest first.
SELECT note_id, iso3, body, author, created_at
FROM country_note
WHERE iso3 = $iso3
ORDER BY created_at DESC, note_id DESC
