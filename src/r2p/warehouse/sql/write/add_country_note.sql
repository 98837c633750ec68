-- Append one country note; notes are never edited in place (a correction is a new note).
INSERT INTO country_note (iso3, body, author, created_at)
VALUES ($iso3, $body, $author, $created_at)
RETURNING note_id
