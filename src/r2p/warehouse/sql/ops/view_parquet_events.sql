-- `event` as a view over Parquet files, cast to the event table's columns (migration 001), so every query sees
-- the same types. NOTE: a view's definition cannot hold a bound parameter, so the pattern is a quoted literal.
CREATE VIEW main.event AS
SELECT event_id::VARCHAR AS event_id, source_id::VARCHAR AS source_id, iso3::VARCHAR AS iso3,
       event_date::DATE AS event_date, admin1::VARCHAR AS admin1, latitude::DOUBLE AS latitude,
       longitude::DOUBLE AS longitude, violence_type::INTEGER AS violence_type, deaths_best::INTEGER AS deaths_best,
       deaths_low::INTEGER AS deaths_low, deaths_high::INTEGER AS deaths_high, source_ref::VARCHAR AS source_ref,
       ingest_id::INTEGER AS ingest_id
FROM read_parquet({{literal pattern}}, hive_partitioning = true, union_by_name = true)
