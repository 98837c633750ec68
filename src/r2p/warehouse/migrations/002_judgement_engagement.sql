-- Judgement, engagement and accountability: what people and methods add on top of the facts.
CREATE TABLE tier_method (
    version     VARCHAR PRIMARY KEY,
    name        VARCHAR NOT NULL,
    definition  JSON NOT NULL,
    created_at  TIMESTAMP NOT NULL
);

CREATE TABLE risk_score (
    iso3            VARCHAR NOT NULL,
    period          INTEGER NOT NULL,
    method_version  VARCHAR NOT NULL,
    score           DOUBLE,
    tier            VARCHAR NOT NULL,
    coverage        DOUBLE,
    contributions   JSON,
    PRIMARY KEY (iso3, period, method_version)
);

CREATE SEQUENCE assessment_id_seq START 1;
CREATE TABLE assessment (
    assessment_id  INTEGER PRIMARY KEY DEFAULT nextval('assessment_id_seq'),
    iso3           VARCHAR NOT NULL,
    period         INTEGER NOT NULL,
    tier           VARCHAR NOT NULL,
    rationale      VARCHAR NOT NULL,
    author         VARCHAR NOT NULL,
    created_at     TIMESTAMP NOT NULL
);

CREATE TABLE actor (
    actor_id      VARCHAR PRIMARY KEY,
    name          VARCHAR NOT NULL,
    kind          VARCHAR NOT NULL,
    parent_id     VARCHAR,
    established   DATE,
    dissolved     DATE,
    successor_id  VARCHAR,
    verified      BOOLEAN NOT NULL DEFAULT true,
    source_url    VARCHAR
);

CREATE TABLE situation (
    situation_id  VARCHAR PRIMARY KEY,
    name          VARCHAR NOT NULL,
    iso3          VARCHAR,
    scope         VARCHAR                -- country | sub-national | cross-border
);

CREATE SEQUENCE engagement_id_seq START 1;
CREATE TABLE engagement (
    engagement_id  INTEGER PRIMARY KEY DEFAULT nextval('engagement_id_seq'),
    actor_id       VARCHAR NOT NULL,
    situation_id   VARCHAR NOT NULL,
    kind           VARCHAR NOT NULL,
    started        DATE,
    ended          DATE,
    source_url     VARCHAR,
    verified       BOOLEAN NOT NULL DEFAULT true,
    note           VARCHAR
);

CREATE SEQUENCE review_id_seq START 1;
CREATE TABLE review (
    review_id      INTEGER PRIMARY KEY DEFAULT nextval('review_id_seq'),
    iso3           VARCHAR NOT NULL,
    rule_id        VARCHAR NOT NULL,
    evidence       VARCHAR NOT NULL,
    opened_at      TIMESTAMP NOT NULL,
    owner          VARCHAR,
    due_date       DATE,
    decision       VARCHAR,              -- act | do not act | defer
    rationale      VARCHAR,
    decided_by     VARCHAR,
    decided_at     TIMESTAMP
);

CREATE SEQUENCE audit_id_seq START 1;
CREATE TABLE audit_log (
    audit_id     BIGINT PRIMARY KEY DEFAULT nextval('audit_id_seq'),
    logged_at    TIMESTAMP NOT NULL,
    actor        VARCHAR NOT NULL,       -- who: a user, or the CLI user@host
    action       VARCHAR NOT NULL,
    entity       VARCHAR NOT NULL,
    entity_id    VARCHAR,
    before       JSON,
    after        JSON
);
