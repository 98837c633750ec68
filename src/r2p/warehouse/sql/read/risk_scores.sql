-- Every stored score of every tier method version, Insufficient data included: the evaluation protocol ranks
-- a country its method cannot score last, as a miss, rather than leaving it out.
SELECT iso3, period, method_version, score, tier FROM risk_score ORDER BY method_version, period, iso3
