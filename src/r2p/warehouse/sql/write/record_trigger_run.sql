-- Record one run of the trigger rules.
INSERT INTO trigger_run (ran_at, as_of, ran_by, firings, opened, escalated)
VALUES ($ran_at, $as_of, $ran_by, $firings, $opened, $escalated)
