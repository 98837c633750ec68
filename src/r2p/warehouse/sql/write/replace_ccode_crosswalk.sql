-- Replace the ccode crosswalk with the registered frame `shipped_ccode`.
DELETE FROM country_ccode;
INSERT INTO country_ccode SELECT ccode, iso3, first_year, last_year, "primary", unit_name FROM shipped_ccode;
