-- After a restore: append the rows of the registered frame `carried_audit` (the log being replaced) logged after
-- the backup's last row, so the audit log only ever grows.
INSERT INTO audit_log BY NAME
SELECT * FROM carried_audit WHERE audit_id > (SELECT coalesce(max(audit_id), 0) FROM audit_log)
