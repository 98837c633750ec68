-- The latest run of the trigger rules (no row: they have never run on this warehouse).
SELECT run_id, ran_at, as_of, ran_by, firings, opened, escalated FROM trigger_run ORDER BY ran_at DESC, run_id DESC
LIMIT 1
