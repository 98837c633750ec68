-- Country notes (append-only: the history is kept, the latest is shown first) and a tamper-evident audit log:
-- each audit row carries sha256(previous row's hash + its own fields), so an edited or removed row breaks the chain.
CREATE SEQUENCE note_id_seq START 1;
CREATE TABLE country_note (
    note_id     INTEGER PRIMARY KEY DEFAULT nextval('note_id_seq'),
    iso3        VARCHAR NOT NULL,
    body        VARCHAR NOT NULL,
    author      VARCHAR NOT NULL,
    created_at  TIMESTAMP NOT NULL
);

ALTER TABLE audit_log ADD COLUMN row_hash VARCHAR;     -- NULL only on rows written before this migration
