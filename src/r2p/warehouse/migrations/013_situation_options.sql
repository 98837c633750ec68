-- Options an editor selects for a situation (by country), with the annotation that says why: append-only. Every
-- change is a new row; the latest row per (iso3, option_id) is in force, and `selected = false` withdraws it.
CREATE SEQUENCE option_selection_id_seq START 1;
CREATE TABLE option_selection (
    selection_id  INTEGER PRIMARY KEY DEFAULT nextval('option_selection_id_seq'),
    iso3          VARCHAR NOT NULL,
    option_id     VARCHAR NOT NULL,
    selected      BOOLEAN NOT NULL,
    annotation    VARCHAR NOT NULL,
    author        VARCHAR NOT NULL,
    created_at    TIMESTAMP NOT NULL
);
