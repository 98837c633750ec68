-- The events an importer staged in the load's own connection (temp table ingest_event) as the relation
-- `staged_event` that the event writes read, stamped with their source and load.
CREATE TEMP VIEW staged_event AS
SELECT event_id, iso3, event_date, admin1, latitude, longitude, violence_type, deaths_best, deaths_low,
       deaths_high, source_ref, {{literal source}} AS source_id, CAST({{literal ingest_id}} AS INTEGER) AS ingest_id
FROM ingest_event
