-- ISO3 and display name of every country, in name order.
SELECT iso3, name, un_region, un_subregion, un_status FROM country ORDER BY name
