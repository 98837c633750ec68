-- How many rows the audit log holds.
SELECT count(*) AS rows FROM audit_log
