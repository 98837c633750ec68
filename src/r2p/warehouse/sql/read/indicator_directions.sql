-- Direction and UN Framework risk factors of every indicator, for scoring.
SELECT indicator_id, higher_is_worse, risk_factors FROM indicator
