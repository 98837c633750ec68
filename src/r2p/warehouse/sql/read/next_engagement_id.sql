-- The id for a new engagement written here: above every id so far and above the range kept for the shipped seed.
SELECT greatest(coalesce(max(engagement_id), 0), $seed_range) + 1 AS engagement_id
FROM engagement
