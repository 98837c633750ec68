-- What moves whenever anything is written to the warehouse: the schema version, the newest ingest, and the
-- audit log's size and newest row (every write appends one). Cheap: three aggregates over small tables.
SELECT (SELECT max(version) FROM schema_migration) AS schema_version,
       (SELECT max(ingest_id) FROM ingest) AS last_ingest,
       (SELECT count(*) FROM audit_log) AS audit_rows,
       (SELECT max(logged_at) FROM audit_log) AS last_audit
