-- Benchmark: the synthetic events as an ACLED export (the columns acled.py reads; types chosen so the
-- importer maps them back to the same UCDP violence type).
COPY (
    SELECT 'BEN' || substr(e.event_id, 7) AS event_id_cnty, strftime(e.event_date, '%Y-%m-%d') AS event_date,
           CASE e.violence_type WHEN 3 THEN 'Violence against civilians' ELSE 'Battles' END AS event_type,
           CASE e.violence_type WHEN 3 THEN 'Attack' ELSE 'Armed clash' END AS sub_event_type,
           CASE e.violence_type WHEN 1 THEN 'State forces' ELSE 'Rebel group' END AS inter1,
           CASE e.violence_type WHEN 3 THEN 'Civilians' ELSE 'Political militia' END AS inter2,
           CASE e.violence_type WHEN 3 THEN 'Civilian targeting' ELSE '' END AS civilian_targeting,
           coalesce(c.iso_numeric, 0) AS iso, c.name AS country, e.admin1, e.latitude, e.longitude,
           e.deaths_best AS fatalities
    FROM event e JOIN country c USING (iso3)
    WHERE e.source_id = 'bench'
    ORDER BY e.event_date, e.event_id
) TO $file (HEADER)
