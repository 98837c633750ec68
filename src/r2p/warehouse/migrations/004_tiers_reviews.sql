-- Tiers and reviews: reliability beside every score, and the evidence that opened a review (for idempotence).
ALTER TABLE risk_score ADD COLUMN stale_share DOUBLE;
ALTER TABLE tier_method ADD COLUMN digest VARCHAR;
ALTER TABLE review ADD COLUMN evidence_key VARCHAR;
ALTER TABLE review ADD COLUMN method_version VARCHAR;
