-- The next audit id, the row count and the last row's hash, in one round trip (one audit row per change).
-- NOTE: past the highest id too: a restore carries later rows into a warehouse whose sequence is the backup's.
SELECT greatest((SELECT nextval('audit_id_seq')), coalesce(max(audit_id), 0) + 1) AS next_id,
       count(*) AS rows,
       arg_max_null(row_hash, audit_id) AS last_hash
FROM audit_log
