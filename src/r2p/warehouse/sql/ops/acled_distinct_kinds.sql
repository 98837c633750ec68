-- Each distinct combination of the columns that decide an event's violence type, civilian count and source_ref
-- (NULL where the export has no such column).
SELECT DISTINCT event_type, sub_event_type, civilian_targeting, inter1, inter2 FROM acled_rows
