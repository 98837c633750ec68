-- Remove the stored scores of one tier-method version (before storing its recomputed ones).
DELETE FROM risk_score WHERE method_version = $method_version
