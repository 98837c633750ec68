-- Append one version of an option's selection for a country; earlier versions are kept.
INSERT INTO option_selection (iso3, option_id, selected, annotation, author, created_at)
VALUES ($iso3, $option_id, $selected, $annotation, $author, $created_at)
RETURNING selection_id
