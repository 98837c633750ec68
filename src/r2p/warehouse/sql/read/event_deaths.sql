-- Event deaths by country, date and violence type, for spike rules.
SELECT iso3, event_date, violence_type, deaths_best FROM event WHERE deaths_best IS NOT NULL
