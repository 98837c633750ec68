-- Each distinct (iso, country) pair of the registered rows `acled_rows` (country NULL: the export has no such column).
SELECT DISTINCT iso, country FROM acled_rows
