-- Every subscription, oldest first.
SELECT subscription_id, address, countries, min_tier, rules, min_level, created_by, created_at
FROM subscription ORDER BY subscription_id
