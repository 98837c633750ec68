-- All values of one indicator, every country and year.
SELECT iso3, period, value FROM observation WHERE indicator_id = $indicator_id
