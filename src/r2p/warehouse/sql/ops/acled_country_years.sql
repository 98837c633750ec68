-- Per country-year of the staged events (temp table ingest_event): all deaths, deaths in events targeting
-- civilians, and the first source row.
SELECT iso3, year(event_date) AS period, sum(deaths_best)::DOUBLE AS fatalities,
       sum(CASE WHEN civilian THEN deaths_best ELSE 0 END)::DOUBLE AS civilian, min(_row) AS _row
FROM ingest_event
GROUP BY iso3, year(event_date)
ORDER BY iso3, period
