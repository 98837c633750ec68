-- Escalation by level and a record of every trigger run: a review sits at a level (1 is the first) whose holder
-- (`owner`) must decide by its deadline (`due_date`); a trigger run moves an undecided overdue review up one level.
ALTER TABLE review ADD COLUMN level INTEGER DEFAULT 1;
UPDATE review SET level = 1 WHERE level IS NULL;
CREATE SEQUENCE trigger_run_id_seq START 1;
CREATE TABLE trigger_run (
    run_id      INTEGER PRIMARY KEY DEFAULT nextval('trigger_run_id_seq'),
    ran_at      TIMESTAMP NOT NULL,
    as_of       DATE NOT NULL,       -- the day the rules and deadlines were evaluated as of
    ran_by      VARCHAR NOT NULL,    -- who or what ran them: `r2p init`, `r2p ingest ucdp (ana)`, `r2p triggers`
    firings     INTEGER NOT NULL,
    opened      INTEGER NOT NULL,    -- reviews opened
    escalated   INTEGER NOT NULL     -- reviews moved up one level
);
