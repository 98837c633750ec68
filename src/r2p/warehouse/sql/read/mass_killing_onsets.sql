-- Mass-killing onsets (EWP coding) per country and year: the outcome the backtest checks forecasts against.
SELECT iso3, period, value FROM observation WHERE indicator_id = 'ewp.mk_onset'
