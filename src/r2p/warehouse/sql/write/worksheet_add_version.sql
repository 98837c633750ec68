-- Append one worksheet version; versions are never edited in place (a correction is a new version).
INSERT INTO worksheet (iso3, version, content, edited_by, edited_at)
VALUES ($iso3, $version, $content, $edited_by, $edited_at)
