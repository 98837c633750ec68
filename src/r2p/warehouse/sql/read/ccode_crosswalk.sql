-- The Gleditsch-Ward / EWP ccode crosswalk with year ranges, in the column names r2p.reference expects.
SELECT ccode, iso3, first_year, last_year, is_primary AS "primary", unit_name FROM country_ccode ORDER BY ccode
