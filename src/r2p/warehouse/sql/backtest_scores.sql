-- Every stored score of every method version, for the backtest.
SELECT iso3, period, method_version, score FROM risk_score WHERE score IS NOT NULL
