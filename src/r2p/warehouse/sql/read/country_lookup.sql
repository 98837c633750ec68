-- Every spelling ingest accepts for a country, lower-cased: ISO3, ISO2, name, official name, aliases.
SELECT lower(iso3) AS key, iso3 FROM country
UNION SELECT lower(iso2), iso3 FROM country WHERE iso2 IS NOT NULL AND iso2 <> ''
UNION SELECT lower(name), iso3 FROM country
UNION SELECT lower(official_name), iso3 FROM country WHERE official_name IS NOT NULL AND official_name <> ''
UNION SELECT alias, iso3 FROM country_alias
