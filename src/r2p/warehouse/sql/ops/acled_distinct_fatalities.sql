-- Each distinct fatalities text of the registered rows `acled_rows`.
SELECT DISTINCT fatalities FROM acled_rows
