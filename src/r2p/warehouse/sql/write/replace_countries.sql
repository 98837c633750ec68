-- Replace the country list with the registered frame `shipped_country` (the reference shipped with R2P Watch).
DELETE FROM country;
INSERT INTO country
SELECT iso3, iso2, iso_numeric, name, official_name, un_status, un_member_since, un_region, un_subregion
FROM shipped_country;
