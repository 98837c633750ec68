-- 1 when the country is in the reference list, else 0.
SELECT count(*) AS known FROM country WHERE iso3 = $iso3
