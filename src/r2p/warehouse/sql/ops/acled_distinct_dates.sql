-- Each distinct event_date text of the registered rows `acled_rows`.
SELECT DISTINCT event_date FROM acled_rows
