-- Add one subscription; returns its id.
INSERT INTO subscription (address, countries, min_tier, rules, min_level, created_by, created_at)
VALUES ($address, $countries, $min_tier, $rules, $min_level, $created_by, $created_at)
RETURNING subscription_id
