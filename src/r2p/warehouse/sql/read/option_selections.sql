-- The options selected for a country now: the latest version of each option, when it is a selection.
SELECT selection_id, iso3, option_id, annotation, author, created_at
FROM (
    SELECT *, row_number() OVER (PARTITION BY option_id ORDER BY created_at DESC, selection_id DESC) AS version
    FROM option_selection
    WHERE iso3 = $iso3
)
WHERE version = 1 AND selected
ORDER BY option_id
