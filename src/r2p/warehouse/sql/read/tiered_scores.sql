-- Every stored score of every method version that reached a tier, for the backtest
-- (scores below a method's coverage floor are Insufficient data and rank nothing).
SELECT iso3, period, method_version, score FROM risk_score
WHERE score IS NOT NULL AND tier <> 'Insufficient data'
