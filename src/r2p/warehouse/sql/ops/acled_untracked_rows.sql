-- The rows of `acled_rows` in a territory R2P Watch does not track: their (iso, country) pair is in the
-- registered `acled_untracked`.
SELECT r._row, r.iso, r.country
FROM acled_rows r
SEMI JOIN acled_untracked u ON u.iso = r.iso AND u.country IS NOT DISTINCT FROM r.country
ORDER BY r._row
