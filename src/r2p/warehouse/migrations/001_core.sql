-- Reference, provenance and facts: what ingest loads.
CREATE TABLE schema_migration (
    version     INTEGER PRIMARY KEY,
    name        VARCHAR NOT NULL,
    applied_at  TIMESTAMP NOT NULL
);

CREATE TABLE country (
    iso3             VARCHAR PRIMARY KEY,
    iso2             VARCHAR,
    iso_numeric      INTEGER,
    name             VARCHAR NOT NULL,
    official_name    VARCHAR,
    un_status        VARCHAR NOT NULL,   -- member | observer | territory
    un_member_since  INTEGER,
    un_region        VARCHAR,
    un_subregion     VARCHAR
);

CREATE TABLE country_alias (
    alias  VARCHAR NOT NULL,             -- lower-cased alternative name
    iso3   VARCHAR NOT NULL
);

CREATE TABLE country_ccode (
    ccode       INTEGER NOT NULL,        -- Gleditsch-Ward / EWP state code
    iso3        VARCHAR NOT NULL,
    first_year  INTEGER,                 -- NULL = open-ended
    last_year   INTEGER,
    is_primary  BOOLEAN NOT NULL,
    unit_name   VARCHAR
);

CREATE TABLE source (
    source_id  VARCHAR PRIMARY KEY,
    name       VARCHAR NOT NULL,
    publisher  VARCHAR,
    url        VARCHAR,
    license    VARCHAR,
    citation   VARCHAR,
    is_demo    BOOLEAN NOT NULL DEFAULT false
);

CREATE SEQUENCE ingest_id_seq START 1;
CREATE TABLE ingest (
    ingest_id      INTEGER PRIMARY KEY DEFAULT nextval('ingest_id_seq'),
    source_id      VARCHAR NOT NULL,
    kind           VARCHAR NOT NULL,
    file_name      VARCHAR NOT NULL,
    sha256         VARCHAR NOT NULL,
    rows_read      BIGINT NOT NULL,
    rows_loaded    BIGINT NOT NULL,
    rows_rejected  BIGINT NOT NULL,
    started_at     TIMESTAMP NOT NULL,
    finished_at    TIMESTAMP NOT NULL,
    status         VARCHAR NOT NULL,     -- loaded (refused loads never reach the warehouse)
    as_of          DATE,                 -- the data's own as-of date where the source states one
    error          VARCHAR
);

-- Rows an importer deliberately left out of a load it accepted (aggregates, historical units, ...).
CREATE TABLE ingest_reject (
    ingest_id    INTEGER NOT NULL,
    row_number   BIGINT,
    column_name  VARCHAR,
    value        VARCHAR,
    message      VARCHAR NOT NULL
);

CREATE TABLE indicator (
    indicator_id     VARCHAR PRIMARY KEY,
    name             VARCHAR NOT NULL,
    unit             VARCHAR NOT NULL,
    higher_is_worse  BOOLEAN NOT NULL,
    risk_factors     INTEGER[] NOT NULL,
    source_id        VARCHAR NOT NULL,
    valid_min        DOUBLE,
    valid_max        DOUBLE,
    description      VARCHAR
);

-- Long form; uniqueness of (iso3, indicator_id, period) is enforced by ingest (no index: bulk loads stay fast).
CREATE TABLE observation (
    iso3          VARCHAR NOT NULL,
    indicator_id  VARCHAR NOT NULL,
    period        INTEGER NOT NULL,      -- calendar year
    value         DOUBLE NOT NULL,
    ingest_id     INTEGER NOT NULL
);

CREATE TABLE event (
    event_id       VARCHAR NOT NULL,     -- source-prefixed, unique
    source_id      VARCHAR NOT NULL,
    iso3           VARCHAR NOT NULL,
    event_date     DATE NOT NULL,
    admin1         VARCHAR,
    latitude       DOUBLE,
    longitude      DOUBLE,
    violence_type  INTEGER,              -- UCDP: 1 state-based, 2 non-state, 3 one-sided
    deaths_best    INTEGER,
    deaths_low     INTEGER,
    deaths_high    INTEGER,
    source_ref     VARCHAR,
    ingest_id      INTEGER NOT NULL
);
