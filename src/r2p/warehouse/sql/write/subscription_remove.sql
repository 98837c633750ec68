-- Remove one subscription (the audit log keeps what it was).
DELETE FROM subscription WHERE subscription_id = $subscription_id
