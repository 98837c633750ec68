-- Replace the country aliases with the registered frame `shipped_alias`.
DELETE FROM country_alias;
INSERT INTO country_alias SELECT alias, iso3 FROM shipped_alias;
